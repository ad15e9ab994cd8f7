/** Clinical cases (issue 6): a case published as statuses, its reveal, outcome and accepted answer. */
export { setAcceptedAnswer } from './accept.ts';
export { countContributors, recordCaseContribution, subscribeCaseContributions } from './contributions.ts';
export { createCase } from './create.ts';
export { deleteCase } from './delete.ts';
export type { CaseMediaInput, CreateCaseInput } from './input.ts';
export { type CaseFilters, type CaseView, describeCases, listCases } from './list.ts';
export { caseStatusIds, findCase, findCaseOfReply, getVisibleCase } from './lookup.ts';
export { postCaseOutcome, type RevealInput, revealCase, revealDueCases } from './reveal.ts';
