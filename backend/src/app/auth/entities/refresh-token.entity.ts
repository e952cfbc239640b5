import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMsColumn } from '../../database/columns';

/**
 * One refresh token. Tokens of one login form a family; each use rotates to a new token,
 * and presenting an already-used token revokes the whole family (theft detection).
 */
@Entity('refresh_tokens')
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'user_id' })
  userId: string;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  @Column({ type: 'varchar', length: 36, name: 'family_id' })
  familyId: string;

  /** SHA-256 of the token; the token itself is never stored. */
  @Column({ type: 'varchar', length: 64, name: 'token_hash' })
  tokenHash: string;

  @Column({ ...epochMsColumn(), name: 'expires_at' })
  expiresAt: number;

  @Column({ ...epochMsColumn({ nullable: true }), name: 'used_at' })
  usedAt: number | null;

  @Column({ ...epochMsColumn({ nullable: true }), name: 'revoked_at' })
  revokedAt: number | null;

  @Column({ ...epochMsColumn(), name: 'created_at' })
  createdAt: number;
}
