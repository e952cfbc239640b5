/** OpenAPI shapes of GET /api/v1/monitoring/overview (implement the contracts' types). */
import { ApiProperty } from '@nestjs/swagger';
import {
  EXAM_SESSION_STATUSES,
  type ConnectionCounts,
  type ExamSessionStatus,
  type MonitoringActiveSession,
  type MonitoringOverview,
  type MonitoringSample,
} from '@exam/contracts';

class RoleCountsDto {
  @ApiProperty() admin: number;
  @ApiProperty() teacher: number;
  @ApiProperty() student: number;
}

export class ConnectionCountsDto implements ConnectionCounts {
  @ApiProperty() total: number;
  @ApiProperty({ type: RoleCountsDto }) byRole: RoleCountsDto;
}

class TeacherRefDto {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
}

export class MonitoringActiveSessionDto implements MonitoringActiveSession {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: EXAM_SESSION_STATUSES }) status: ExamSessionStatus;
  @ApiProperty({ type: TeacherRefDto }) teacher: TeacherRefDto;
  @ApiProperty({ type: Number, nullable: true, description: 'epoch ms' }) launchedAt: number | null;
  @ApiProperty() enrolled: number;
  @ApiProperty({ description: 'students connected right now' }) connected: number;
  @ApiProperty() completed: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'mean progress in percent, 0-100, one decimal',
  })
  averageProgress: number | null;
}

export class MonitoringSampleDto implements MonitoringSample {
  @ApiProperty({ description: 'epoch ms' }) at: number;
  @ApiProperty() connections: number;
  @ApiProperty() messagesInPerSecond: number;
  @ApiProperty() messagesOutPerSecond: number;
  @ApiProperty({ type: Number, nullable: true }) ackP50Ms: number | null;
  @ApiProperty({ type: Number, nullable: true }) ackP99Ms: number | null;
}

class LastMinuteDto {
  @ApiProperty() messagesInPerSecond: number;
  @ApiProperty() messagesOutPerSecond: number;
  @ApiProperty({ type: Number, nullable: true }) ackP50Ms: number | null;
  @ApiProperty({ type: Number, nullable: true }) ackP99Ms: number | null;
  @ApiProperty({ description: 'answer acks in the last minute' }) acks: number;
}

class MemoryDto {
  @ApiProperty() rss: number;
  @ApiProperty() heapUsed: number;
}

class ServerDto {
  @ApiProperty({ description: 'all connections of this server process' }) connections: number;
  @ApiProperty() uptimeSeconds: number;
  @ApiProperty({ type: MemoryDto }) memory: MemoryDto;
  @ApiProperty() eventLoopLagP99Ms: number;
}

export class MonitoringOverviewDto implements MonitoringOverview {
  @ApiProperty() serverNow: number;
  @ApiProperty({ type: ConnectionCountsDto, description: "connections of the caller's academy" })
  connections: ConnectionCountsDto;
  @ApiProperty({ type: [MonitoringActiveSessionDto] })
  activeSessions: MonitoringActiveSessionDto[];
  @ApiProperty({ type: LastMinuteDto }) lastMinute: LastMinuteDto;
  @ApiProperty({ type: ServerDto }) server: ServerDto;
  @ApiProperty({ type: [MonitoringSampleDto], description: 'last 15 minutes, oldest first' })
  history: MonitoringSampleDto[];
  @ApiProperty() sampleIntervalMs: number;
}
