/** Whether a table exists (features of other modules appear with their migrations). */
import type { DataSource } from 'typeorm';

export async function tableExists(ds: DataSource, name: string): Promise<boolean> {
  const qr = ds.createQueryRunner();
  try {
    return await qr.hasTable(name);
  } finally {
    await qr.release();
  }
}

/** Whether a table has a column (a rolled-back migration takes its columns away). */
export async function tableHasColumn(ds: DataSource, table: string, column: string) {
  const qr = ds.createQueryRunner();
  try {
    return (await qr.hasTable(table)) && (await qr.hasColumn(table, column));
  } finally {
    await qr.release();
  }
}
