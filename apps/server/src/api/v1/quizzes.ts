import {
  QUIZ_LIMITS,
  type QuizAttemptEntity,
  type QuizEntity,
  type QuizStatsEntity,
  zCreateQuizParams,
  zEditQuizParams,
  zQuizAttemptParams,
} from '@rounds/contract';
import type { StoredQuizQuestion } from '../../db/schema/index.ts';
import {
  type AttemptView,
  attemptQuiz,
  correctOptions,
  createQuiz,
  deleteQuiz,
  editQuiz,
  getQuizStats,
  getQuizView,
  getStatusQuizView,
  listOwnAttempts,
  type QuizContentInput,
  type QuizStats,
  type QuizView,
  round4,
} from '../../domain/quizzes/index.ts';
import { optionalUser, requireUser } from '../../mastodon/auth.ts';
import type { MastodonApp } from '../../mastodon/env.ts';
import { readPage, setLinkHeader } from '../../mastodon/pagination.ts';
import { parseWith, pathId, readBody } from '../../mastodon/params.ts';

function renderOptions(q: StoredQuizQuestion, shown: boolean) {
  return q.options.map((o) => ({
    text: o.text,
    explanation: shown ? o.explanation : null,
    correct: shown ? o.correct : null,
  }));
}

export function renderQuiz(view: QuizView): QuizEntity {
  const { quiz, answersShown } = view;
  return {
    id: quiz.id,
    status_id: quiz.statusId,
    account_id: quiz.accountId,
    title: quiz.title,
    bloom_level: quiz.bloomLevel,
    questions_count: quiz.questions.length,
    questions: quiz.questions.map((q) => ({
      prompt: q.prompt,
      type: q.type,
      bloom_level: q.bloomLevel,
      options: renderOptions(q, answersShown),
      correct_options: answersShown ? correctOptions(q) : null,
    })),
    answers_shown: answersShown,
    attempted: view.ownAttemptsCount > 0,
    own_attempts_count: view.ownAttemptsCount,
    editable: view.editable,
    created_at: quiz.createdAt.toISOString(),
    updated_at: quiz.updatedAt.toISOString(),
  };
}

export function renderAttempt({ attempt, quiz, first }: AttemptView): QuizAttemptEntity {
  return {
    id: attempt.id,
    quiz_id: attempt.quizId,
    created_at: attempt.createdAt.toISOString(),
    time_spent_seconds: attempt.timeSpentSeconds,
    correct_count: attempt.correctCount,
    questions_count: attempt.questionsCount,
    score: round4(attempt.correctCount / attempt.questionsCount),
    first,
    questions: quiz.questions.map((q, i) => ({
      prompt: q.prompt,
      type: q.type,
      answer: attempt.answers[i] ?? [],
      correct: attempt.results[i] ?? false,
      correct_options: correctOptions(q),
      options: renderOptions(q, true),
    })),
  };
}

function renderStats(s: QuizStats): QuizStatsEntity {
  const min = QUIZ_LIMITS.minLearnersForStats;
  const a = s.analysis;
  return {
    quiz_id: s.quiz.id,
    available: a !== null,
    learners_count: s.learnersCount,
    attempts_count: s.attemptsCount,
    min_learners: min,
    message: a
      ? null
      : `Item analysis is shown once at least ${min} learners have attempted this quiz; ${s.learnersCount} ${s.learnersCount === 1 ? 'has' : 'have'} so far (${s.attemptsCount} attempt${s.attemptsCount === 1 ? '' : 's'} in all)`,
    group_size: a?.groupSize ?? null,
    mean_score: a?.meanScore ?? null,
    questions: a
      ? a.items.map((i) => ({
          index: i.index,
          correct_count: i.correctCount,
          difficulty: i.difficulty,
          discrimination: i.discrimination,
          p_upper: i.pUpper,
          p_lower: i.pLower,
          option_counts: i.optionCounts,
          skipped_count: i.skippedCount,
        }))
      : null,
  };
}

function toContent(p: {
  title?: string | null | undefined;
  bloom_level: QuizContentInput['bloomLevel'];
  questions: Array<{
    prompt: string;
    type?: 'single' | 'multiple' | undefined;
    bloom_level?: QuizContentInput['bloomLevel'] | null | undefined;
    options: Array<{ text: string; explanation: string; correct?: boolean | undefined }>;
  }>;
}): QuizContentInput {
  return {
    title: p.title,
    bloomLevel: p.bloom_level,
    questions: p.questions.map((q) => ({
      prompt: q.prompt,
      type: q.type,
      bloomLevel: q.bloom_level,
      options: q.options,
    })),
  };
}

/**
 * Quizzes attached to statuses (domain/quizzes). Visibility is the status's: every path answers
 * 404 to a caller who may not see the status. Reading is open to anonymous callers on public
 * statuses; attempting needs write:statuses.
 */
export function registerQuizzes(app: MastodonApp): void {
  app.post('/api/rounds/v1/quizzes', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const p = parseWith(zCreateQuizParams, await readBody(c));
    const view = await createQuiz(c.get('ctx'), me.account.id, { statusId: p.status_id, ...toContent(p) });
    return c.json(renderQuiz(view));
  });

  app.get('/api/rounds/v1/quizzes/:id', async (c) => {
    const me = optionalUser(c, 'read:statuses');
    const id = pathId(c);
    return c.json(renderQuiz(await getQuizView(c.get('ctx'), me?.account.id ?? null, id)));
  });

  app.get('/api/rounds/v1/statuses/:id/quiz', async (c) => {
    const me = optionalUser(c, 'read:statuses');
    const id = pathId(c);
    return c.json(renderQuiz(await getStatusQuizView(c.get('ctx'), me?.account.id ?? null, id)));
  });

  app.put('/api/rounds/v1/quizzes/:id', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const id = pathId(c);
    const p = parseWith(zEditQuizParams, await readBody(c));
    return c.json(renderQuiz(await editQuiz(c.get('ctx'), me.account.id, id, toContent(p))));
  });

  app.delete('/api/rounds/v1/quizzes/:id', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const id = pathId(c);
    return c.json(renderQuiz(await deleteQuiz(c.get('ctx'), me.account.id, id)));
  });

  app.post('/api/rounds/v1/quizzes/:id/attempts', async (c) => {
    const me = requireUser(c, 'write:statuses');
    const id = pathId(c);
    const p = parseWith(zQuizAttemptParams, await readBody(c));
    const view = await attemptQuiz(c.get('ctx'), me.account.id, id, {
      answers: p.answers,
      timeSpentSeconds: p.time_spent_seconds,
    });
    return c.json(renderAttempt(view));
  });

  app.get('/api/rounds/v1/quizzes/:id/attempts', async (c) => {
    const me = requireUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const id = pathId(c);
    const attempts = await listOwnAttempts(ctx, me.account.id, id, readPage(c));
    setLinkHeader(
      c,
      attempts.map((a) => a.attempt.id),
      ctx.config.publicUrl,
    );
    return c.json(attempts.map(renderAttempt));
  });

  app.get('/api/rounds/v1/quizzes/:id/stats', async (c) => {
    const me = requireUser(c, 'read:statuses');
    const id = pathId(c);
    return c.json(renderStats(await getQuizStats(c.get('ctx'), me.account.id, id)));
  });
}
