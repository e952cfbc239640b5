/** Sample definitions of every question type, shared by the domain specs. */
import type { QuestionDefinition, QuestionDefinitionOf } from '@exam/contracts';

export const single: QuestionDefinitionOf<'single_choice'> = {
  type: 'single_choice',
  prompt: 'What is the correct form? She ___ to school every day.',
  points: 2,
  options: [
    { id: 'a', text: 'go' },
    { id: 'b', text: 'goes' },
    { id: 'c', text: 'going' },
    { id: 'd', text: 'gone' },
  ],
  correctOptionId: 'b',
};

export const trueFalse: QuestionDefinitionOf<'true_false'> = {
  type: 'true_false',
  prompt: '"Children" is the plural of "child".',
  points: 1,
  correct: true,
};

export const multiple: QuestionDefinitionOf<'multiple_response'> = {
  type: 'multiple_response',
  prompt: 'Which are irregular verbs?',
  points: 4,
  options: [
    { id: 'a', text: 'go', weight: 50 },
    { id: 'b', text: 'walk', weight: -25 },
    { id: 'c', text: 'see', weight: 50 },
    { id: 'd', text: 'play', weight: -25 },
    { id: 'e', text: 'jump', weight: 0 },
  ],
};

export const shortText: QuestionDefinitionOf<'short_text'> = {
  type: 'short_text',
  prompt: 'Past tense of "write"?',
  points: 2,
  acceptedAnswers: [
    { text: 'wrote', creditPercent: 100 },
    { text: 'writed', creditPercent: 25 },
  ],
};

export const numeric: QuestionDefinitionOf<'numeric'> = {
  type: 'numeric',
  prompt: 'How many letters are in the English alphabet?',
  points: 1,
  acceptedAnswers: [{ value: 26, creditPercent: 100 }],
};

export const essay: QuestionDefinitionOf<'essay'> = {
  type: 'essay',
  prompt: 'Describe your last holiday.',
  points: 10,
  maxWords: 5,
  gradingNotes: 'past tenses',
};

export const ordering: QuestionDefinitionOf<'ordering'> = {
  type: 'ordering',
  prompt: 'Order the words',
  points: 3,
  items: [
    { id: 'w1', text: 'I' },
    { id: 'w2', text: 'have' },
    { id: 'w3', text: 'never' },
    { id: 'w4', text: 'been' },
  ],
  correctOrder: ['w1', 'w2', 'w3', 'w4'],
};

export const matching: QuestionDefinitionOf<'matching'> = {
  type: 'matching',
  prompt: 'Match the opposites',
  points: 3,
  left: [
    { id: 'l1', text: 'hot' },
    { id: 'l2', text: 'big' },
    { id: 'l3', text: 'fast' },
  ],
  right: [
    { id: 'r1', text: 'cold' },
    { id: 'r2', text: 'small' },
    { id: 'r3', text: 'slow' },
    { id: 'r4', text: 'loud' },
  ],
  correctPairs: { l1: 'r1', l2: 'r2', l3: 'r3' },
};

export const ALL: QuestionDefinition[] = [
  single,
  trueFalse,
  multiple,
  shortText,
  numeric,
  essay,
  ordering,
  matching,
];
