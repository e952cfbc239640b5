/** Column helpers that behave the same on SQLite and PostgreSQL. */
import type { ColumnOptions, ValueTransformer } from 'typeorm';

/** Epoch milliseconds stored as a 64-bit integer and read back as a number. */
const msTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => (v === undefined ? undefined : v),
  from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)),
};

export function epochMsColumn(opts: { nullable?: boolean; name?: string } = {}): ColumnOptions {
  return {
    type: 'bigint',
    transformer: msTransformer,
    nullable: opts.nullable ?? false,
    name: opts.name,
  };
}

/** JSON stored as text, parsed on read (portable across both databases). */
const jsonTransformer: ValueTransformer = {
  to: (v: unknown) => (v === undefined ? undefined : JSON.stringify(v)),
  from: (v: string | null) => (v === null || v === undefined ? null : (JSON.parse(v) as unknown)),
};

export function jsonColumn(opts: { nullable?: boolean; name?: string } = {}): ColumnOptions {
  return {
    type: 'text',
    transformer: jsonTransformer,
    nullable: opts.nullable ?? false,
    name: opts.name,
  };
}
