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
