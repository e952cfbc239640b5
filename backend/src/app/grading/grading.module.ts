/**
 * Grading at the end of an attempt: the session's copy of its questions and keys, and the
 * writer of question scores and attempt totals. Used by the exam-session module (inside the
 * transaction that finalises attempts) and by the results module (manual grades, regrade).
 */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttemptGrader } from './attempt-grader';
import { ManualGradeEntity } from './entities/manual-grade.entity';
import { QuestionScoreEntity } from './entities/question-score.entity';
import { RegradeEntity } from './entities/regrade.entity';
import { SessionQuestionEntity } from './entities/session-question.entity';
import { Rescorer } from './rescorer';
import { SessionQuestions } from './session-questions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      SessionQuestionEntity,
      QuestionScoreEntity,
      ManualGradeEntity,
      RegradeEntity,
    ]),
  ],
  providers: [SessionQuestions, AttemptGrader, Rescorer],
  exports: [SessionQuestions, AttemptGrader, Rescorer, TypeOrmModule],
})
export class GradingModule {}
