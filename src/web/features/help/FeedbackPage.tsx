import { Alert, Button, Card, Loader, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  FEEDBACK_COMMENT_MAX,
  helpMessages,
  type PublicFeedbackView,
  publicFeedbackInputSchema,
} from '../../../shared/help.schemas.ts';
import { ApiError, api } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { currentLanguage, locales } from '../../i18n/index.ts';
import { useMunicipalityTexts } from '../identity/tenants.ts';
import { RatingSelect } from './RatingSelect.tsx';
import { check, type FieldErrors, serverErrors } from './validation.ts';

/** Why a link cannot be answered: used already, or not valid (expired, unknown); else another failure. */
function linkProblem(error: unknown): 'used' | 'invalid' | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return null;
  const message = error.fields.token;
  if (message === undefined) return null;
  return message === helpMessages.linkUsed ? 'used' : 'invalid';
}

/**
 * The family's own feedback, through the single-use link from the e-mail or from staff: no account,
 * and only the kind of help and the day on screen, nothing about anyone.
 */
export function FeedbackPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const tenant = params.get('tenant') ?? '';
  const token = params.get('token') ?? '';
  useMunicipalityTexts(tenant);
  const [view, setView] = useState<PublicFeedbackView | null>(null);
  const [state, setState] = useState<'loading' | 'form' | 'sent' | 'used' | 'invalid'>('loading');
  // No answer is chosen for the family: an untouched form is not "very good".
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (!tenant || !token) {
      setState('invalid');
      return;
    }
    api<PublicFeedbackView>('/api/help/public/feedback/open', { method: 'POST', body: { tenant, token } })
      .then((result) => {
        setView(result);
        setState('form');
      })
      .catch((error) => {
        const problem = linkProblem(error);
        if (problem) setState(problem);
        else {
          setFailure(error);
          setState('invalid');
        }
      });
  }, [tenant, token]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const body = { tenant, token, rating, ...(comment.trim() ? { comment: comment.trim() } : {}) };
    const checked = check(publicFeedbackInputSchema, body);
    // Without a choice nothing is sent, and the field says to choose.
    const found =
      rating === null ? { ...checked.errors, rating: 'help.errors.chooseRating' } : checked.errors;
    setErrors(found);
    if (!checked.data || rating === null) return;
    setBusy(true);
    try {
      await api('/api/help/public/feedback', { method: 'POST', body: checked.data });
      setState('sent');
    } catch (error) {
      const problem = linkProblem(error);
      if (problem) setState(problem);
      else {
        setErrors(serverErrors(error));
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  };

  const language = currentLanguage();
  const day = view?.day
    ? new Intl.DateTimeFormat(locales[language], {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        timeZone: 'UTC',
      }).format(new Date(`${view.day}T12:00:00Z`))
    : null;

  return (
    <Card withBorder padding="lg" shadow="xs">
      <PageTitle title={t('help.feedbackPage.title')} />
      {state === 'loading' ? (
        <Stack align="center" role="status" aria-live="polite">
          <Loader aria-hidden="true" />
          {t('help.feedbackPage.loading')}
        </Stack>
      ) : state === 'sent' ? (
        <Alert color="green" variant="light" role="status">
          {t('help.feedbackPage.sent')}
        </Alert>
      ) : state === 'used' ? (
        <Alert color="blue" variant="light" role="status">
          {t('help.feedbackPage.used')}
        </Alert>
      ) : state === 'invalid' ? (
        <>
          <ErrorAlert error={failure} />
          <Alert color="orange" variant="light" role="alert">
            {t('help.feedbackPage.invalid')}
          </Alert>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <ErrorAlert error={failure} />
          <Stack gap="md">
            <Text>
              {day
                ? t('help.feedbackPage.about', { type: view?.helpType[language], day })
                : t('help.feedbackPage.aboutNoDay', { type: view?.helpType[language] })}
            </Text>
            <RatingSelect
              value={rating}
              onChange={(value) => {
                setRating(value);
                setErrors(({ rating: _chosen, ...rest }) => rest);
              }}
              label={t('help.feedbackPage.rating')}
              error={errors.rating ? t(errors.rating) : undefined}
            />
            <Textarea
              label={t('help.feedbackPage.comment')}
              description={t('help.feedbackPage.commentHint', { count: FEEDBACK_COMMENT_MAX })}
              autosize
              minRows={3}
              maxLength={FEEDBACK_COMMENT_MAX}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              // A comment can only be refused for its length.
              error={
                errors.comment
                  ? t('help.feedbackPage.commentTooLong', { count: FEEDBACK_COMMENT_MAX })
                  : undefined
              }
            />
            <Text size="sm" c="dimmed">
              {t('help.feedbackPage.privacy')}
            </Text>
            <div>
              <Button type="submit" loading={busy} size="md">
                {t('help.feedbackPage.submit')}
              </Button>
            </div>
          </Stack>
        </form>
      )}
    </Card>
  );
}
