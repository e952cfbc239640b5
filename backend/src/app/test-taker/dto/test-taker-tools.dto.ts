/** REST bodies and views of test-taker tools (contracts: test-taker-tools.ts). */
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, ValidateNested } from 'class-validator';
import {
  LINE_SPACINGS,
  TEXT_SIZES,
  type LineSpacing,
  type SetMyTestTakerToolsRequest,
  type SetStudentTestTakerToolsRequest,
  type TestTakerTools,
  type TestTakerToolsView,
  type TextSize,
} from '@exam/contracts';

export class TestTakerToolsDto implements TestTakerTools {
  @ApiProperty({ enum: TEXT_SIZES, description: 'Text size in percent' })
  @IsIn(TEXT_SIZES, { message: `textSize must be one of ${TEXT_SIZES.join(', ')}` })
  textSize: TextSize;

  @ApiProperty({ enum: LINE_SPACINGS })
  @IsIn(LINE_SPACINGS, { message: `lineSpacing must be one of ${LINE_SPACINGS.join(', ')}` })
  lineSpacing: LineSpacing;

  @ApiProperty({ description: 'Yellow and white on black' }) @IsBoolean() highContrast: boolean;
  @ApiProperty({ description: 'OpenDyslexic for every text' }) @IsBoolean() dyslexiaFont: boolean;
  @ApiProperty({ description: 'A reading band' }) @IsBoolean() lineReader: boolean;
  @ApiProperty({ description: 'Strike out a choice' }) @IsBoolean() optionElimination: boolean;
  @ApiProperty({ description: "Mark words of a question's text" })
  @IsBoolean()
  highlighter: boolean;
}

export class SetMyTestTakerToolsDto implements SetMyTestTakerToolsRequest {
  @ApiProperty({ type: TestTakerToolsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => TestTakerToolsDto)
  tools: TestTakerToolsDto;
}

export class SetStudentTestTakerToolsDto implements SetStudentTestTakerToolsRequest {
  @ApiProperty({ type: TestTakerToolsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => TestTakerToolsDto)
  tools: TestTakerToolsDto;

  @ApiProperty({ description: 'false: the student sees the tools but cannot change them' })
  @IsBoolean()
  studentMayChange: boolean;
}

export class TestTakerToolsViewDto implements TestTakerToolsView {
  @ApiProperty({ type: TestTakerToolsDto }) tools: TestTakerToolsDto;
  @ApiProperty() studentMayChange: boolean;
  @ApiProperty({ enum: ['student', 'staff'], nullable: true }) setBy: 'student' | 'staff' | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt: string | null;
}
