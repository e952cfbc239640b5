import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { SECURITY_EVENT_TYPES, type SecurityEventType } from './security-log.service';
import { PageQuery } from '../common/page-query.dto';

export class SecurityEventsQueryDto extends PageQuery(50, 200) {
  @ApiPropertyOptional({ enum: SECURITY_EVENT_TYPES })
  @IsOptional()
  @IsIn(SECURITY_EVENT_TYPES)
  type?: SecurityEventType;

  @ApiPropertyOptional({ description: 'Only events at or after this epoch ms' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  since?: number;
}

export class SecurityEventDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Epoch ms' }) at: number;
  @ApiProperty({ enum: SECURITY_EVENT_TYPES }) type: string;
  @ApiProperty({ enum: ['info', 'warn'] }) severity: string;
  @ApiPropertyOptional({ nullable: true, type: String }) userId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail: Record<string, unknown>;
}

export class SecurityEventPageDto {
  @ApiProperty({ type: [SecurityEventDto] }) items: SecurityEventDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
