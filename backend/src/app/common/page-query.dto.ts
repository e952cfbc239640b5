/**
 * `?page=&pageSize=` for list routes, as a base class: `class X extends PageQuery(20, 100)`.
 * Each list keeps its own default and maximum page size; validation and the OpenAPI
 * description come from here.
 */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export function PageQuery(defaultSize: number, maxSize: number) {
  class PageQueryDto {
    @ApiPropertyOptional({ default: 1, minimum: 1 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    page?: number;

    @ApiPropertyOptional({ default: defaultSize, minimum: 1, maximum: maxSize })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(maxSize)
    pageSize?: number;
  }
  return PageQueryDto;
}
