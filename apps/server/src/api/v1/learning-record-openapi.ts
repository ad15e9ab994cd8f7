import { zId, zLearningRecordEntry, zLearningRecordSummary, zPageParams } from '@rounds/contract';
import { z } from 'zod';
import { zEntryChanges, zExportQuery, zRecordQuery } from './learning-record.ts';
import type { Operation } from './openapi.ts';

const idParam = { id: { schema: zId, description: "The entry's id" } };
const reader = { kind: 'required', scope: 'read:accounts' } as const;
const writer = { kind: 'required', scope: 'write:accounts' } as const;

/** The learning record routes in the Rounds API's OpenAPI document (api/v1/openapi.ts). */
export const LEARNING_RECORD_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/rounds/v1/learning_record',
    operationId: 'listLearningRecord',
    summary: 'My learning record',
    description:
      'Completed tweetorials, quiz attempts and case contributions, newest first; only the learner sees them.',
    tags: ['learning record'],
    auth: reader,
    query: zRecordQuery.extend(zPageParams.shape),
    response: z.array(zLearningRecordEntry),
    responseDescription: 'A page of entries',
    paged: true,
    errors: [422],
  },
  {
    method: 'get',
    path: '/api/rounds/v1/learning_record/export',
    operationId: 'exportLearningRecord',
    summary: 'Export my learning record',
    description:
      'Every entry in the range (all when none is given, at most 10,000), oldest first, as a download: JSON by default, CSV with `format=csv`.',
    tags: ['learning record'],
    auth: reader,
    query: zExportQuery,
    response: z.array(zLearningRecordEntry),
    responseDescription: 'The entries',
    csv: 'Columns: date, kind, object_type, object_id, title, bloom_level, time_spent_minutes, reflection, details (JSON). RFC 4180; cells a spreadsheet would run as formulas start with an apostrophe.',
    errors: [422],
  },
  {
    method: 'get',
    path: '/api/rounds/v1/learning_record/summary',
    operationId: 'summarizeLearningRecord',
    summary: 'A certificate-ready summary of a date range',
    description:
      'Totals by kind, distinct quizzes and cases, known time spent, counts by Bloom level, and every entry, for a CME claim. `to` defaults to now.',
    tags: ['learning record'],
    auth: reader,
    query: zRecordQuery.omit({ kind: true }),
    response: zLearningRecordSummary,
    responseDescription: 'The summary',
    errors: [422],
  },
  {
    method: 'put',
    path: '/api/rounds/v1/learning_record/{id}',
    operationId: 'updateLearningRecordEntry',
    summary: 'Add or change a reflection or the time spent',
    description: 'The reflection passes the PHI guard: a patient identifier refuses it (422 `phi_detected`).',
    tags: ['learning record'],
    auth: writer,
    pathParams: idParam,
    body: zEntryChanges,
    response: zLearningRecordEntry,
    responseDescription: 'The entry',
    errors: [404, 422],
  },
  {
    method: 'delete',
    path: '/api/rounds/v1/learning_record/{id}',
    operationId: 'deleteLearningRecordEntry',
    summary: 'Remove an entry from my record',
    description: 'The act itself (a quiz attempt, a reply) stays; only the portfolio entry goes.',
    tags: ['learning record'],
    auth: writer,
    pathParams: idParam,
    response: z.object({}),
    responseDescription: 'Removed',
    errors: [404],
  },
];
