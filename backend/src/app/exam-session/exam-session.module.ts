/** Live exam sessions: lifecycle, clock, answers, the ExamGateway and REST mirrors. */
import { Module } from '@nestjs/common';
import { ExamGateway } from './exam.gateway';

@Module({
  providers: [ExamGateway],
})
export class ExamSessionModule {}
