/**
 * A question definition is stored in two parts: the body (what a student may see, unshuffled)
 * and the key (everything needed to grade). `splitQuestion` and `joinQuestion` are inverses.
 */
import type {
  ChoiceOption,
  NumericAccepted,
  AcceptedText,
  OrderingScoring,
  QuestionDefinition,
  QuestionType,
  TextFormat,
} from '@exam/contracts';

/** What every body may carry: how its texts are written (absent: plain). */
interface BodyCommon {
  format?: TextFormat;
}

export interface QuestionBodyByType {
  single_choice: { options: ChoiceOption[] } & BodyCommon;
  true_false: BodyCommon;
  multiple_response: { options: ChoiceOption[] } & BodyCommon;
  short_text: { maxLength?: number } & BodyCommon;
  numeric: { unit?: string } & BodyCommon;
  essay: { maxWords?: number } & BodyCommon;
  ordering: { items: ChoiceOption[] } & BodyCommon;
  matching: { left: ChoiceOption[]; right: ChoiceOption[] } & BodyCommon;
}
export type QuestionBody = QuestionBodyByType[QuestionType];

/**
 * What every key may carry besides the grading rules: what only teachers see (name, tags)
 * and what a student reads only in a released review (feedback). Empty texts are not kept.
 */
export interface KeyCommon {
  name?: string;
  tags?: string[];
  generalFeedback?: string;
  /** Choice questions: feedback per option id. */
  optionFeedback?: Record<string, string>;
}

export interface QuestionKeyByType {
  single_choice: {
    correctOptionId: string;
    negativeMarkPercent: number;
    /** Option id -> its own credit (see SingleChoiceOption.creditPercent). */
    credits?: Record<string, number>;
  } & KeyCommon;
  true_false: {
    correct: boolean;
    negativeMarkPercent: number;
    feedbackTrue?: string;
    feedbackFalse?: string;
  } & KeyCommon;
  multiple_response: { weights: Record<string, number>; allOrNothing: boolean } & KeyCommon;
  short_text: {
    acceptedAnswers: AcceptedText[];
    caseSensitive: boolean;
    foldAccents: boolean;
    wildcards: boolean;
  } & KeyCommon;
  numeric: { acceptedAnswers: NumericAccepted[] } & KeyCommon;
  essay: { gradingNotes?: string } & KeyCommon;
  ordering: { correctOrder: string[]; scoring: OrderingScoring } & KeyCommon;
  matching: { correctPairs: Record<string, string> } & KeyCommon;
}
export type QuestionKey = QuestionKeyByType[QuestionType];

export interface QuestionParts {
  type: QuestionType;
  prompt: string;
  points: number;
  body: QuestionBody;
  key: QuestionKey;
}

/** `{format}` when a question's texts are not plain, else nothing (plain is the default). */
export function formatOf(x: { format?: TextFormat }): { format?: TextFormat } {
  return x.format && x.format !== 'plain' ? { format: x.format } : {};
}

const opts = (o: ChoiceOption[]): ChoiceOption[] => o.map(({ id, text }) => ({ id, text }));

/** `{[key]: text}` when the text says something, else nothing (optional text fields). */
export const textField = <K extends string>(key: K, text: string | undefined) =>
  (text?.trim() ? { [key]: text } : {}) as Partial<Record<K, string>>;

/** Name, tags and feedback of any question: into the key (never sent to students). */
function keyCommon(q: QuestionDefinition): KeyCommon {
  const tags = [...new Set(q.tags ?? [])];
  const options = q.type === 'single_choice' || q.type === 'multiple_response' ? q.options : [];
  const optionFeedback = Object.fromEntries(
    options.flatMap((o) => (o.feedback?.trim() ? [[o.id, o.feedback]] : [])),
  );
  return {
    ...textField('name', q.name),
    ...(tags.length ? { tags } : {}),
    ...textField('generalFeedback', q.generalFeedback),
    ...(Object.keys(optionFeedback).length ? { optionFeedback } : {}),
  };
}

/** The author's fields back from KeyCommon (joinQuestion). */
function commonOf(k: KeyCommon) {
  return {
    ...textField('name', k.name),
    ...(k.tags?.length ? { tags: [...k.tags] } : {}),
    ...textField('generalFeedback', k.generalFeedback),
  };
}

/** An option with its feedback, when it has some. */
const withFeedback = (o: ChoiceOption, k: KeyCommon) => ({
  id: o.id,
  text: o.text,
  ...textField('feedback', k.optionFeedback?.[o.id]),
});

/** Splits a (valid) definition into what students may see and the key. */
export function splitQuestion(q: QuestionDefinition): QuestionParts {
  const parts = splitByType(q);
  // The format travels with the body: everywhere a question's texts go, it goes too.
  parts.body = { ...parts.body, ...formatOf(q) };
  parts.key = { ...parts.key, ...keyCommon(q) };
  return parts;
}

function splitByType(q: QuestionDefinition): QuestionParts {
  const base = { type: q.type, prompt: q.prompt, points: q.points };
  switch (q.type) {
    case 'single_choice':
      return {
        ...base,
        body: { options: opts(q.options) },
        key: {
          correctOptionId: q.correctOptionId,
          negativeMarkPercent: q.negativeMarkPercent ?? 0,
          ...creditsOf(q.options),
        },
      };
    case 'true_false':
      return {
        ...base,
        body: {},
        key: {
          correct: q.correct,
          negativeMarkPercent: q.negativeMarkPercent ?? 0,
          ...textField('feedbackTrue', q.feedbackTrue),
          ...textField('feedbackFalse', q.feedbackFalse),
        },
      };
    case 'multiple_response':
      return {
        ...base,
        body: { options: opts(q.options) },
        key: {
          weights: Object.fromEntries(q.options.map((o) => [o.id, o.weight])),
          allOrNothing: q.allOrNothing ?? false,
        },
      };
    case 'short_text':
      return {
        ...base,
        body: q.maxLength === undefined ? {} : { maxLength: q.maxLength },
        key: {
          acceptedAnswers: q.acceptedAnswers.map((a) => ({
            text: a.text,
            creditPercent: a.creditPercent,
            ...textField('feedback', a.feedback),
          })),
          caseSensitive: q.caseSensitive ?? false,
          foldAccents: q.foldAccents ?? false,
          wildcards: q.wildcards ?? false,
        },
      };
    case 'numeric':
      return {
        ...base,
        body: q.unit === undefined ? {} : { unit: q.unit },
        key: {
          acceptedAnswers: q.acceptedAnswers.map(({ feedback, ...a }) => ({
            ...a,
            ...textField('feedback', feedback),
          })),
        },
      };
    case 'essay':
      return {
        ...base,
        body: q.maxWords === undefined ? {} : { maxWords: q.maxWords },
        key: q.gradingNotes === undefined ? {} : { gradingNotes: q.gradingNotes },
      };
    case 'ordering':
      return {
        ...base,
        body: { items: opts(q.items) },
        key: { correctOrder: [...q.correctOrder], scoring: q.scoring ?? 'exact' },
      };
    case 'matching':
      return {
        ...base,
        body: { left: opts(q.left), right: opts(q.right) },
        key: { correctPairs: { ...q.correctPairs } },
      };
  }
}

/** Rebuilds the author's definition from the stored parts (teacher views and grading). */
export function joinQuestion(p: QuestionParts, id?: string): QuestionDefinition {
  const base = {
    ...(id === undefined ? {} : { id }),
    prompt: p.prompt,
    ...formatOf(p.body),
    points: p.points,
    ...commonOf(p.key),
  };
  switch (p.type) {
    case 'single_choice': {
      const b = p.body as QuestionBodyByType['single_choice'];
      const k = p.key as QuestionKeyByType['single_choice'];
      return {
        ...base,
        type: 'single_choice',
        options: b.options.map((o) => ({
          ...withFeedback(o, k),
          ...(k.credits?.[o.id] === undefined ? {} : { creditPercent: k.credits[o.id] }),
        })),
        correctOptionId: k.correctOptionId,
        negativeMarkPercent: k.negativeMarkPercent,
      };
    }
    case 'true_false': {
      const k = p.key as QuestionKeyByType['true_false'];
      return {
        ...base,
        type: 'true_false',
        correct: k.correct,
        negativeMarkPercent: k.negativeMarkPercent,
        ...textField('feedbackTrue', k.feedbackTrue),
        ...textField('feedbackFalse', k.feedbackFalse),
      };
    }
    case 'multiple_response': {
      const b = p.body as QuestionBodyByType['multiple_response'];
      const k = p.key as QuestionKeyByType['multiple_response'];
      return {
        ...base,
        type: 'multiple_response',
        options: b.options.map((o) => ({ ...withFeedback(o, k), weight: k.weights[o.id] ?? 0 })),
        allOrNothing: k.allOrNothing,
      };
    }
    case 'short_text': {
      const b = p.body as QuestionBodyByType['short_text'];
      const k = p.key as QuestionKeyByType['short_text'];
      return {
        ...base,
        type: 'short_text',
        acceptedAnswers: k.acceptedAnswers.map((a) => ({ ...a })),
        caseSensitive: k.caseSensitive,
        foldAccents: k.foldAccents,
        wildcards: k.wildcards,
        ...(b.maxLength === undefined ? {} : { maxLength: b.maxLength }),
      };
    }
    case 'numeric': {
      const b = p.body as QuestionBodyByType['numeric'];
      const k = p.key as QuestionKeyByType['numeric'];
      return {
        ...base,
        type: 'numeric',
        acceptedAnswers: k.acceptedAnswers.map((a) => ({ ...a })),
        ...(b.unit === undefined ? {} : { unit: b.unit }),
      };
    }
    case 'essay': {
      const b = p.body as QuestionBodyByType['essay'];
      const k = p.key as QuestionKeyByType['essay'];
      return {
        ...base,
        type: 'essay',
        ...(b.maxWords === undefined ? {} : { maxWords: b.maxWords }),
        ...(k.gradingNotes === undefined ? {} : { gradingNotes: k.gradingNotes }),
      };
    }
    case 'ordering': {
      const b = p.body as QuestionBodyByType['ordering'];
      const k = p.key as QuestionKeyByType['ordering'];
      return {
        ...base,
        type: 'ordering',
        items: opts(b.items),
        correctOrder: [...k.correctOrder],
        scoring: k.scoring,
      };
    }
    case 'matching': {
      const b = p.body as QuestionBodyByType['matching'];
      const k = p.key as QuestionKeyByType['matching'];
      return {
        ...base,
        type: 'matching',
        left: opts(b.left),
        right: opts(b.right),
        correctPairs: { ...k.correctPairs },
      };
    }
  }
}

/** Options' own credits (single choice), when any has one. */
function creditsOf(options: ReadonlyArray<{ id: string; creditPercent?: number }>) {
  const credits = Object.fromEntries(
    options.flatMap((o) => (o.creditPercent === undefined ? [] : [[o.id, o.creditPercent]])),
  );
  return Object.keys(credits).length ? { credits } : {};
}
