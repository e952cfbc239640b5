/**
 * The only code that touches question_media: stores the images of an import in one
 * transaction, removes them again when the import fails after them, and reads one to serve.
 */
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { placeholders } from '../../database/placeholders';
import type { ImageMime, KeptImage } from '../domain/question-media';
import { QuestionMediaEntity } from '../entities/question-media.entity';

export interface StoredImage {
  mime: ImageMime;
  bytes: Buffer;
}

@Injectable()
export class QuestionMediaService {
  constructor(
    private readonly ds: DataSource,
    @InjectRepository(QuestionMediaEntity) private readonly media: Repository<QuestionMediaEntity>,
  ) {}

  private sql(text: string): string {
    return placeholders(this.ds.options.type, text);
  }

  async storeAll(academyId: string, images: KeptImage[]): Promise<void> {
    if (!images.length) return;
    const now = Date.now();
    await this.ds.transaction(async (m) => {
      for (const i of images) {
        await m.query(
          this.sql(
            'INSERT INTO question_media (id, academy_id, sha256, mime, size, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          ),
          [i.id, academyId, i.sha256, i.mime, i.bytes.length, i.bytes, now],
        );
      }
    });
  }

  async removeAll(ids: string[]): Promise<void> {
    if (ids.length) await this.media.delete({ id: In(ids) });
  }

  async find(id: string): Promise<StoredImage | null> {
    const rows = (await this.ds.query(
      this.sql('SELECT mime, bytes FROM question_media WHERE id = ?'),
      [id],
    )) as Array<{ mime: ImageMime; bytes: Buffer | Uint8Array }>;
    const row = rows[0];
    if (!row) return null;
    return { mime: row.mime, bytes: Buffer.from(row.bytes) };
  }
}
