/** This process's name among several instances: in logs, lease rows and bus messages. */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export const INSTANCE_ID = Symbol('INSTANCE_ID');

export function newInstanceId(name?: string): string {
  const base = name?.trim() || `${hostname()}-${process.pid}`;
  return `${base.slice(0, 100)}-${randomBytes(3).toString('hex')}`;
}
