/**
 * An image of an imported question (migration QuestionMedia1764231500000). The `bytes`
 * column (blob on SQLite, bytea on PostgreSQL) is not mapped here: no single TypeORM column
 * type is valid on both databases, so QuestionMediaService writes and reads it with plain SQL
 * and this entity carries what describes the image.
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMsColumn } from '../../database/columns';
import type { ImageMime } from '../domain/question-media';

@Entity('question_media')
export class QuestionMediaEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 32 })
  mime: ImageMime;

  @Column({ type: 'integer' })
  size: number;

  @Column(epochMsColumn({ name: 'created_at' }))
  createdAt: number;
}
