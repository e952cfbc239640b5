/** Exams: authoring with questions and keys, grading rules (domain/), GIFT import. */
import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { raw, text } from 'express';
import { UserEntity } from '../auth/entities/user.entity';
import { ExamSessionEntity } from '../exam-session/entities/exam-session.entity';
import { ExamEntity } from './entities/exam.entity';
import { ExamTextEntity } from './entities/exam-text.entity';
import { QuestionKeyEntity } from './entities/question-key.entity';
import { QuestionEntity } from './entities/question.entity';
import { ExamsController } from './exams.controller';
import { ExamsService } from './exams.service';
import { QuestionExchangeController } from './question-exchange.controller';
import {
  QTI_MAX_UPLOAD,
  QTI_ZIP_TYPES,
  QuestionExchangeService,
} from './question-exchange.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      ExamEntity,
      QuestionEntity,
      QuestionKeyEntity,
      ExamTextEntity,
      // Read here only to know whether an exam is locked by a live session.
      ExamSessionEntity,
      UserEntity,
    ]),
  ],
  controllers: [ExamsController, QuestionExchangeController],
  providers: [ExamsService, QuestionExchangeService],
  exports: [TypeOrmModule, ExamsService],
})
export class ExamsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The GIFT import also accepts the file as text/plain.
    consumer.apply(text({ type: 'text/plain', limit: '1mb' })).forRoutes(ExamsController);
    // The QTI import takes the package itself (application/zip), up to QTI_MAX_UPLOAD.
    consumer
      .apply(raw({ type: QTI_ZIP_TYPES, limit: QTI_MAX_UPLOAD }))
      .forRoutes(QuestionExchangeController);
  }
}
