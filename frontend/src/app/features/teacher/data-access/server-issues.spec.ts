import { KEYED } from '../../../../testing/exam-fixtures';
import { errorsByPart, issueControlId, sentence, summaryLine } from './editor-issues';
import type { EditorQuestion } from './question-drafts';
import { locateField, serverIssues, splitPath } from './server-issues';

/** One question of each type, keyed k0 (single choice) ... k7 (matching). */
const QUESTIONS: EditorQuestion[] = KEYED.map((def, i) => ({ key: `k${i}`, def }));

/** Where a path lands: the control's DOM id and its label on screen. */
function place(path: string): [string | null, string] {
  const p = locateField(path, QUESTIONS);
  const id = p.ref === null ? null : p.questionKey ? `${p.questionKey}-${p.ref.part}` : p.ref.part;
  return [id, p.label];
}

describe('server field paths to the editor', () => {
  it('splits a path into names and indexes', () => {
    expect(splitPath('questions[2].acceptedAnswers[0].text')).toEqual([
      'questions',
      2,
      'acceptedAnswers',
      0,
      'text',
    ]);
    expect(splitPath('questions[7].correctPairs.l1')).toEqual([
      'questions',
      7,
      'correctPairs',
      'l1',
    ]);
  });

  it.each([
    ['title', 'exam-title', 'Title'],
    ['durationMinutes', 'exam-duration', 'Duration (minutes)'],
    ['passingScore', 'exam-passing', 'Passing score (%)'],
    ['instructions', 'exam-instructions', 'Instructions shown to students (optional)'],
    ['shuffleOptions', 'exam-shuffle-options', 'Shuffle options per student'],
    ['questions[0]', 'k0-issues', 'This question'],
    ['questions[0].type', 'k0-issues', 'This question'],
    ['questions[0].prompt', 'k0-prompt', 'Question text'],
    ['questions[0].points', 'k0-points', 'Points'],
    ['questions[0].correctOptionId', 'k0-correct', 'Correct answer'],
    ['questions[0].options', 'k0-options', 'Answers'],
    ['questions[0].options[1].text', 'k0-opt-b', 'Answer B'],
    ['questions[0].negativeMarkPercent', 'k0-neg', 'Wrong answer deducts (% of the points)'],
    ['questions[1].correct', 'k1-correct', 'Correct answer'],
    ['questions[2].options', 'k2-options', 'Answers and weights'],
    ['questions[2].options[0].text', 'k2-opt-a', 'Answer A'],
    ['questions[2].options[2].weight', 'k2-w-c', 'Answer C weight %'],
    ['questions[2].allOrNothing', 'k2-aon', 'All or nothing'],
    ['questions[3].acceptedAnswers', 'k3-accepted', 'Accepted answers'],
    ['questions[3].acceptedAnswers[0].text', 'k3-acc-0', 'Accepted answer 1'],
    ['questions[3].acceptedAnswers[0].creditPercent', 'k3-accc-0', 'Accepted answer 1 credit %'],
    ['questions[3].maxLength', 'k3-maxlen', 'Longest answer (characters, optional)'],
    ['questions[3].wildcards', 'k3-wild', '* matches any characters'],
    ['questions[4].acceptedAnswers[0]', 'k4-nm-0', 'Accepted answer 1'],
    ['questions[4].acceptedAnswers[0].value', 'k4-nv-0', 'Accepted answer 1 value'],
    ['questions[4].acceptedAnswers[0].tolerance', 'k4-nt-0', 'Accepted answer 1 tolerance ±'],
    ['questions[4].acceptedAnswers[0].min', 'k4-nmin-0', 'Accepted answer 1 from'],
    ['questions[4].acceptedAnswers[0].max', 'k4-nmax-0', 'Accepted answer 1 to'],
    ['questions[4].acceptedAnswers[0].creditPercent', 'k4-nc-0', 'Accepted answer 1 credit %'],
    ['questions[4].unit', 'k4-unit', 'Unit shown to students (optional)'],
    ['questions[5].maxWords', 'k5-maxw', 'Word limit (optional)'],
    ['questions[5].gradingNotes', 'k5-notes', 'Notes for the grader (never shown to students)'],
    ['questions[6].items', 'k6-items', 'Items in the correct order'],
    ['questions[6].items[2].text', 'k6-it-z', 'Item 3'],
    ['questions[6].correctOrder', 'k6-items', 'Items in the correct order'],
    ['questions[6].scoring', 'k6-scoring', 'Scoring'],
    ['questions[7].left', 'k7-left', 'Prompts and their matches'],
    ['questions[7].left[1].text', 'k7-l-l2', 'Prompt 2'],
    ['questions[7].right[2].text', 'k7-r-r3', 'Answer C'],
    ['questions[7].correctPairs', 'k7-left', 'Prompts and their matches'],
    ['questions[7].correctPairs.l2', 'k7-p-l2', 'Prompt 2 matches'],
  ])('%s is %s, "%s"', (path, id, label) => {
    expect(place(path)).toEqual([id, label]);
  });

  it('keeps what has no control for the summary only', () => {
    expect(place('questions')).toEqual([null, 'Questions']);
    expect(place('questions[99].prompt')).toEqual([null, 'Questions']);
    expect(place('version')).toEqual([null, 'The exam']);
  });

  it('says the server problems in the words on screen', () => {
    const issues = serverIssues(
      {
        title: ['title must be longer than or equal to 1 characters'],
        'questions[0].correctOptionId': ['String must contain at least 1 character(s)'],
        'questions[0].options[1].text': ['must not be empty'],
        'questions[0].points': ['Expected number, received null', 'use at most 2 decimals'],
        'questions[1].correct': ['Required'],
        'questions[2].options': [
          'the weights of the correct options must add up to 100 (they add up to 90)',
        ],
        'questions[3].acceptedAnswers[0].creditPercent': [
          'Number must be less than or equal to 100',
        ],
        'questions[7].correctPairs.l2': ['"x" is not a right answer id'],
        'questions[4]': ["Unrecognized key(s) in object: 'secret'"],
      },
      QUESTIONS,
    );
    expect(issues.map((i) => [i.questionKey, i.part, i.message])).toEqual([
      [null, 'exam-title', 'Title must be longer than or equal to 1 characters'],
      ['k0', 'correct', 'choose the correct answer'],
      ['k0', 'opt-b', 'Answer B is empty'],
      ['k0', 'points', 'type a number in Points'],
      ['k0', 'points', 'use at most 2 decimals in Points'],
      ['k1', 'correct', 'choose the correct answer'],
      [
        'k2',
        'options',
        'Answers and weights: the weights of the correct options must add up to 100 (they add up to 90)',
      ],
      ['k3', 'accc-0', 'Accepted answer 1 credit % must be at most 100'],
      ['k7', 'p-l2', 'choose the answer that matches Prompt 2'],
      ['k4', 'issues', "Unrecognized key(s) in object: 'secret'"],
    ]);
    // Never the API's names.
    for (const i of issues)
      expect(i.message).not.toMatch(/correctOptionId|questions\[|creditPercent/);
  });

  it('says each problem beside its control and in the summary by question number', () => {
    const [issue] = serverIssues({ 'questions[1].correct': ['Required'] }, QUESTIONS);
    expect(issueControlId(issue)).toBe('k1-correct');
    expect(summaryLine(issue, 2)).toBe('Question 2: choose the correct answer.');
    expect(errorsByPart([issue], 'k1')).toEqual({ correct: ['Choose the correct answer.'] });
    expect(errorsByPart([issue], 'k0')).toEqual({});
    expect(sentence('Points: use at most 2 decimals')).toBe('Points: use at most 2 decimals.');
    expect(summaryLine({ ...issue, questionKey: null, message: 'type a title' }, null)).toBe(
      'Type a title.',
    );
  });
});
