/**
 * Quizzes (issue 6): single- and multiple-answer questions attached to a status, an explanation
 * per option shown once the learner has answered, scored attempts recorded in the learning record,
 * and item analysis (difficulty and discrimination indexes) for the author. Visibility is the
 * status's: whoever may see the status may see and attempt its quiz; for anyone else it does not exist.
 */
export { findQuizOfStatus, findQuizRow, getVisibleQuiz } from './access.ts';
export { type AttemptInput, type AttemptView, attemptQuiz, listOwnAttempts } from './attempts.ts';
export {
  type PreparedQuiz,
  prepareQuiz,
  type QuizContentInput,
  type QuizOptionInput,
  type QuizQuestionInput,
} from './input.ts';
export {
  type CreateQuizInput,
  createQuiz,
  deleteQuiz,
  editQuiz,
  getQuizView,
  getStatusQuizView,
  type QuizView,
} from './quizzes.ts';
export { checkAnswers, correctOptions, isCorrect, round4 } from './scoring.ts';
export {
  analyzeItems,
  GROUP_FRACTION,
  getQuizStats,
  type ItemAnalysis,
  type ItemStats,
  type QuizStats,
  type ScoredAnswers,
} from './stats.ts';
