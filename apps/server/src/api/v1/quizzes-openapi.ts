import {
  QUIZ_LIMITS,
  zCreateQuizParams,
  zEditQuizParams,
  zId,
  zPageParams,
  zQuiz,
  zQuizAttempt,
  zQuizAttemptParams,
  zQuizStats,
} from '@rounds/contract';
import { z } from 'zod';
import type { Operation } from './openapi.ts';

const idParam = { id: { schema: zId, description: "The quiz's id" } };
const writer = { kind: 'required', scope: 'write:statuses' } as const;
const reader = { kind: 'required', scope: 'read:statuses' } as const;
const anyone = { kind: 'optional', scope: 'read:statuses' } as const;
const VISIBILITY = 'Visible to whoever may see its status; 404 for anyone else.';

/** The quiz routes in the Rounds API's OpenAPI document (api/v1/openapi.ts). */
export const QUIZ_OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/rounds/v1/quizzes',
    operationId: 'createQuiz',
    summary: 'Attach a quiz to a status',
    description:
      `Only the status's author may; a status carries at most one quiz (409). ${QUIZ_LIMITS.minQuestions} to ` +
      `${QUIZ_LIMITS.maxQuestions} questions of ${QUIZ_LIMITS.minOptions} to ${QUIZ_LIMITS.maxOptions} options, each ` +
      'with an explanation; at least one correct option, exactly one on a single-answer question. Every text passes ' +
      'the PHI guard: identifiers refuse the whole quiz (`phi_detected`, the message naming the field), nothing stored.',
    tags: ['quizzes'],
    auth: writer,
    body: zCreateQuizParams,
    response: zQuiz,
    responseDescription: 'The quiz, as its author sees it (answers shown)',
    errors: [404, 409, 422],
  },
  {
    method: 'get',
    path: '/api/rounds/v1/quizzes/{id}',
    operationId: 'getQuiz',
    summary: 'A quiz',
    description: `Correct options and explanations are null until the viewer has attempted it (its author always sees them). ${VISIBILITY}`,
    tags: ['quizzes'],
    auth: anyone,
    pathParams: idParam,
    response: zQuiz,
    responseDescription: 'The quiz as the viewer sees it',
    errors: [404, 422],
  },
  {
    method: 'put',
    path: '/api/rounds/v1/quizzes/{id}',
    operationId: 'editQuiz',
    summary: 'Replace a quiz’s content',
    description:
      'Its author only (403), and only while nobody has attempted it (409): every attempt stays scored against the ' +
      'questions it answered. The same rules and PHI guard as creating.',
    tags: ['quizzes'],
    auth: writer,
    pathParams: idParam,
    body: zEditQuizParams,
    response: zQuiz,
    responseDescription: 'The edited quiz',
    errors: [404, 409, 422],
  },
  {
    method: 'delete',
    path: '/api/rounds/v1/quizzes/{id}',
    operationId: 'deleteQuiz',
    summary: 'Delete a quiz',
    description:
      'Its author only (403). Its attempts go with it; learners’ learning record entries stay, with their title.',
    tags: ['quizzes'],
    auth: writer,
    pathParams: idParam,
    response: zQuiz,
    responseDescription: 'The deleted quiz',
    errors: [404, 422],
  },
  {
    method: 'get',
    path: '/api/rounds/v1/statuses/{id}/quiz',
    operationId: 'getStatusQuiz',
    summary: 'The quiz attached to a status',
    description: `404 when the status has none. ${VISIBILITY}`,
    tags: ['quizzes'],
    auth: anyone,
    pathParams: { id: { schema: zId, description: "The status's id" } },
    response: zQuiz,
    responseDescription: 'The quiz as the viewer sees it',
    errors: [404, 422],
  },
  {
    method: 'post',
    path: '/api/rounds/v1/quizzes/{id}/attempts',
    operationId: 'attemptQuiz',
    summary: 'Attempt a quiz',
    description:
      'Scored all-or-nothing per question (a multiple-answer question is correct only when exactly its correct options ' +
      'are chosen; a skipped one is incorrect). Attempts may be repeated; item analysis uses each learner’s first. ' +
      'Each attempt adds an entry to the learner’s learning record. Its author cannot attempt it (403). ' +
      VISIBILITY,
    tags: ['quizzes'],
    auth: writer,
    pathParams: idParam,
    body: zQuizAttemptParams,
    response: zQuizAttempt,
    responseDescription: 'The scored attempt, with the correct options and every explanation',
    errors: [404, 422],
  },
  {
    method: 'get',
    path: '/api/rounds/v1/quizzes/{id}/attempts',
    operationId: 'listOwnQuizAttempts',
    summary: 'My attempts at a quiz',
    description: `The caller’s own attempts, newest first, paged like the Mastodon list endpoints. ${VISIBILITY}`,
    tags: ['quizzes'],
    auth: reader,
    pathParams: idParam,
    query: zPageParams,
    response: z.array(zQuizAttempt),
    responseDescription: 'The caller’s attempts',
    paged: true,
    errors: [404, 422],
  },
  {
    method: 'get',
    path: '/api/rounds/v1/quizzes/{id}/stats',
    operationId: 'getQuizStats',
    summary: 'Item analysis (the author’s)',
    description:
      'Difficulty (p) and discrimination (D = p_upper − p_lower, upper and lower 27 % by total score) per question, ' +
      `over each learner’s first attempt, once ${QUIZ_LIMITS.minLearnersForStats} learners have one; until then ` +
      '`available: false` with the counts. Its author only (403). See docs/rounds-api.md for the exact rules.',
    tags: ['quizzes'],
    auth: reader,
    pathParams: idParam,
    response: zQuizStats,
    responseDescription: 'The item analysis, or why it is not shown yet',
    errors: [404, 422],
  },
];
