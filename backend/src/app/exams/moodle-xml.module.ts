/** Moodle XML import and the images it stores (served at /api/v1/media/:id). */
import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { text } from 'express';
import { QuestionMediaEntity } from './entities/question-media.entity';
import { ExamsModule } from './exams.module';
import { QuestionMediaController } from './media/question-media.controller';
import { QuestionMediaService } from './media/question-media.service';
import { MoodleXmlImportController } from './moodle-xml-import.controller';
import { MoodleXmlImportService } from './moodle-xml-import.service';

@Module({
  imports: [ExamsModule, TypeOrmModule.forFeature([QuestionMediaEntity])],
  controllers: [MoodleXmlImportController, QuestionMediaController],
  providers: [MoodleXmlImportService, QuestionMediaService],
})
export class MoodleXmlModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The XML itself may be the body; the same 1 MB cap as every JSON body and the GIFT import.
    consumer
      .apply(text({ type: ['application/xml', 'text/xml'], limit: '1mb' }))
      .forRoutes(MoodleXmlImportController);
  }
}
