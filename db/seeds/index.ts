/** Demo seed data in our own formats, shipped with the build (imported, not read from disk). */
import englishAssessment from './english-assessment.json';

/** The seed's "English Assessment": exam settings and QuestionDefinition[] (keys included). */
export const ENGLISH_ASSESSMENT: {
  exam: {
    title: string;
    description: string;
    instructions: string;
    durationMinutes: number;
    passingScore: number;
    shuffleQuestions: boolean;
    shuffleOptions: boolean;
    isActive: boolean;
  };
  /** Untrusted until parsed by the exams domain (the seed step validates it). */
  questions: unknown[];
  /** Texts between the questions (ExamText[]), untrusted like the questions. */
  texts?: unknown[];
} = englishAssessment;
