/**
 * The seed's regular tasks, each idempotent (running it twice changes nothing more) and
 * logging one line with what it did:
 * - cleanupStaleConnections (daily): `connections` rows still open (disconnected_at null)
 *   that started more than STALE_CONNECTION_HOURS ago and whose socket is not in this
 *   process's registry (left by a crash) are closed: disconnected_at = last ping, code 1006.
 * - cleanupAbandonedSessions (daily): sessions still `preparing` ABANDONED_SESSION_DAYS after
 *   creation are MARKED terminated (end_reason `abandoned`, ended_at = now), not deleted:
 *   enrolments stay as history and the weekly archive moves them out later.
 * - archiveFinishedSessions (weekly): completed/terminated sessions that ended more than
 *   ARCHIVE_AFTER_DAYS ago are copied, with their student sessions, answers and events, into
 *   `archived_exam_sessions` (JSON) and deleted from the hot tables, one transaction each.
 * - backupDatabase (BACKUP_CRON, off by default): online SQLite backup into BACKUP_DIR,
 *   keeping the newest BACKUP_KEEP files.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Logger as PinoRoot } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { resolve } from 'node:path';
import { AppConfigService } from '../config/app-config';
import { parseDatabaseUrl } from '../database/data-source-options';
import { placeholders } from '../database/placeholders';
import { Clock } from '../monitoring/clock';
import { tableExists, tableHasColumn } from '../monitoring/db-introspection';
import { ROOT_LOGGER } from '../monitoring/logging.module';
import { ConnectionRegistry } from '../realtime/connection-registry.service';
import { backupFileName, backupSqlite, pruneBackups } from './sqlite-backup';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CLOSE_ABNORMAL = 1006;

type Row = Record<string, unknown>;

/** Per-session rows archived with the session (results, and its staff for the access rule). */
const RESULT_TABLES = [
  'question_scores',
  'manual_grades',
  'regrades',
  'session_questions',
  'exam_session_staff',
  // Integrity signals go with their session: archived with it, then deleted (retention).
  'integrity_signals',
];

@Injectable()
export class MaintenanceService {
  private readonly log: PinoRoot;

  constructor(
    private readonly ds: DataSource,
    private readonly cfg: AppConfigService,
    private readonly clock: Clock,
    private readonly registry: ConnectionRegistry,
    @Inject(ROOT_LOGGER) root: PinoRoot,
  ) {
    this.log = root.child({ context: 'Maintenance' });
  }

  async cleanupStaleConnections(): Promise<{ closed: number }> {
    if (!(await tableExists(this.ds, 'connections'))) return { closed: 0 };
    const hours = this.cfg.get('STALE_CONNECTION_HOURS');
    const cutoff = this.clock.now() - hours * HOUR;
    const live = new Set([...this.registry.clients()].map((c) => c.ctx.id));
    const rows = (await this.ds.query(
      this.sql('SELECT id FROM connections WHERE disconnected_at IS NULL AND connected_at < ?'),
      [cutoff],
    )) as Array<{ id: string }>;
    const stale = rows.map((r) => r.id).filter((id) => !live.has(id));
    for (let i = 0; i < stale.length; i += 500) {
      const chunk = stale.slice(i, i + 500);
      await this.ds.query(
        this.sql(
          `UPDATE connections SET disconnected_at = COALESCE(last_ping_at, connected_at), close_code = ?
            WHERE disconnected_at IS NULL AND id IN (${chunk.map(() => '?').join(',')})`,
        ),
        [CLOSE_ABNORMAL, ...chunk],
      );
    }
    this.log.info(
      { job: 'cleanup-connections', closed: stale.length, olderThanHours: hours },
      'stale connection rows closed',
    );
    return { closed: stale.length };
  }

  async cleanupAbandonedSessions(): Promise<{ terminated: number }> {
    if (!(await tableExists(this.ds, 'exam_sessions'))) return { terminated: 0 };
    const days = this.cfg.get('ABANDONED_SESSION_DAYS');
    const now = this.clock.now();
    const cutoff = now - days * DAY;
    const rows = (await this.ds.query(
      this.sql(`SELECT id FROM exam_sessions WHERE status = 'preparing' AND created_at < ?`),
      [cutoff],
    )) as Array<{ id: string }>;
    if (rows.length > 0) {
      await this.ds.query(
        this.sql(
          `UPDATE exam_sessions SET status = 'terminated', end_reason = 'abandoned', ended_at = ?, updated_at = ?
            WHERE status = 'preparing' AND created_at < ?`,
        ),
        [now, now, cutoff],
      );
    }
    this.log.info(
      {
        job: 'cleanup-sessions',
        terminated: rows.length,
        sessionIds: rows.map((r) => r.id),
        olderThanDays: days,
      },
      'abandoned sessions (preparing too long) marked terminated',
    );
    return { terminated: rows.length };
  }

  /**
   * Deletes security log rows older than the retention: the academy's own
   * (academies.security_log_days) or SECURITY_LOG_RETENTION_DAYS; rows without an academy
   * (refused origins, unknown accounts) follow the server's.
   */
  async pruneSecurityLog(): Promise<{ deleted: number }> {
    if (!(await tableExists(this.ds, 'security_events'))) return { deleted: 0 };
    const days = this.cfg.get('SECURITY_LOG_RETENTION_DAYS');
    const now = this.clock.now();
    const own = (await tableHasColumn(this.ds, 'academies', 'security_log_days'))
      ? '(SELECT a.security_log_days FROM academies a WHERE a.id = security_events.academy_id)'
      : 'NULL';
    // BIGINT: 180 days in ms overflows a PostgreSQL integer.
    const where = `at < ? - COALESCE(${own}, ?) * CAST(${DAY} AS BIGINT)`;
    const [{ n }] = (await this.ds.query(
      this.sql(`SELECT COUNT(*) AS n FROM security_events WHERE ${where}`),
      [now, days],
    )) as Array<{ n: number | string }>;
    if (Number(n) > 0) {
      await this.ds.query(this.sql(`DELETE FROM security_events WHERE ${where}`), [now, days]);
    }
    this.log.info(
      { job: 'prune-security-log', deleted: Number(n), defaultDays: days },
      'old security log rows deleted',
    );
    return { deleted: Number(n) };
  }

  async archiveFinishedSessions(): Promise<{ archived: number; answers: number; events: number }> {
    if (!(await tableExists(this.ds, 'archived_exam_sessions')))
      return { archived: 0, answers: 0, events: 0 };
    const days = this.cfg.get('ARCHIVE_AFTER_DAYS');
    const now = this.clock.now();
    // Each academy may keep its finished sessions longer or shorter (academies.archive_after_days).
    const perAcademy = (await tableHasColumn(this.ds, 'academies', 'archive_after_days'))
      ? 'COALESCE(a.archive_after_days, ?)'
      : '?';
    const due = (await this.ds.query(
      this.sql(
        `SELECT s.id FROM exam_sessions s JOIN academies a ON a.id = s.academy_id
          WHERE s.status IN ('completed', 'terminated')
            AND COALESCE(s.ended_at, s.updated_at) < ? - ${perAcademy} * CAST(${DAY} AS BIGINT)
          ORDER BY COALESCE(s.ended_at, s.updated_at)`,
      ),
      [now, days],
    )) as Array<{ id: string }>;
    let answers = 0;
    let events = 0;
    const hasAnswers = await tableExists(this.ds, 'answers');
    const hasEvents = await tableExists(this.ds, 'session_events');
    const hasSeq = await tableExists(this.ds, 'session_seq_reservations');
    const resultTables: string[] = [];
    for (const t of RESULT_TABLES) if (await tableExists(this.ds, t)) resultTables.push(t);
    for (const { id } of due) {
      const r = await this.ds.transaction((m) =>
        this.archiveOne(m, id, now, { hasAnswers, hasEvents, hasSeq, resultTables }),
      );
      answers += r.answers;
      events += r.events;
    }
    this.log.info(
      { job: 'archive-sessions', archived: due.length, answers, events, olderThanDays: days },
      'finished sessions moved to the archive',
    );
    return { archived: due.length, answers, events };
  }

  private async archiveOne(
    m: EntityManager,
    id: string,
    now: number,
    has: { hasAnswers: boolean; hasEvents: boolean; hasSeq: boolean; resultTables: string[] },
  ): Promise<{ answers: number; events: number }> {
    const q = (text: string, params: unknown[]) =>
      m.query(this.sql(text), params) as Promise<Row[]>;
    const [session] = await q('SELECT * FROM exam_sessions WHERE id = ?', [id]);
    if (!session) return { answers: 0, events: 0 }; // archived by a concurrent run
    const studentSessions = await q(
      'SELECT * FROM student_sessions WHERE exam_session_id = ? ORDER BY id',
      [id],
    );
    const answers = has.hasAnswers
      ? await q('SELECT * FROM answers WHERE exam_session_id = ? ORDER BY id', [id])
      : [];
    const events = has.hasEvents
      ? await q('SELECT * FROM session_events WHERE exam_session_id = ? ORDER BY id', [id])
      : [];
    // Results (scores, manual grades, regrades, the session's questions) go along.
    const results: Record<string, Row[]> = {};
    for (const t of has.resultTables) {
      results[t] = await q(`SELECT * FROM ${t} WHERE exam_session_id = ?`, [id]);
    }
    const payload = JSON.stringify({ session, studentSessions, answers, events, results });
    const exists = await q('SELECT id FROM archived_exam_sessions WHERE id = ?', [id]);
    if (exists.length === 0) {
      await q(
        `INSERT INTO archived_exam_sessions (id, academy_id, exam_id, teacher_id, title, status, ended_at,
           archived_at, student_count, answer_count, event_count, payload)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          session.academy_id,
          session.exam_id,
          session.teacher_id,
          session.title,
          session.status,
          session.ended_at ?? null,
          now,
          studentSessions.length,
          answers.length,
          events.length,
          payload,
        ],
      );
    }
    // Children first: correct whether or not the foreign keys cascade.
    if (has.hasAnswers) await q('DELETE FROM answers WHERE exam_session_id = ?', [id]);
    if (has.hasEvents) await q('DELETE FROM session_events WHERE exam_session_id = ?', [id]);
    if (has.hasSeq) await q('DELETE FROM session_seq_reservations WHERE exam_session_id = ?', [id]);
    for (const t of has.resultTables) await q(`DELETE FROM ${t} WHERE exam_session_id = ?`, [id]);
    await q('DELETE FROM student_sessions WHERE exam_session_id = ?', [id]);
    await q('DELETE FROM exam_sessions WHERE id = ?', [id]);
    return { answers: answers.length, events: events.length };
  }

  /** Online backup of the SQLite database (skipped on PostgreSQL: use pg_dump). */
  async backupDatabase(): Promise<{ file?: string; removed: string[] }> {
    const target = parseDatabaseUrl(this.cfg.get('DATABASE_URL'));
    if (target.kind !== 'sqlite' || target.location === ':memory:') {
      this.log.warn(
        { job: 'backup' },
        'backup skipped: only file-based SQLite is backed up here (use pg_dump for PostgreSQL)',
      );
      return { removed: [] };
    }
    const dir = resolve(this.cfg.get('BACKUP_DIR'));
    const file = backupFileName(dir, this.clock.now());
    const started = Date.now();
    await backupSqlite(target.location, file);
    const removed = pruneBackups(dir, this.cfg.get('BACKUP_KEEP'));
    this.log.info(
      { job: 'backup', file, ms: Date.now() - started, removed: removed.length },
      'database backed up',
    );
    return { file, removed };
  }

  /** `?` placeholders as PostgreSQL wants them ($1, $2, …). */
  private sql(text: string): string {
    return placeholders(this.ds.options.type, text);
  }
}
