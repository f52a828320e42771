import type {ReviewPolicy} from '@repo/schemas/review'
import {Button, Checkbox, Flex, Label, Stack, Text, TextArea} from '@sanity/ui'
import {useId, useState} from 'react'
import {displayName, type ReviewerProfile} from '../review/decisions.ts'
import {ATTESTATION} from '../review/facts.ts'

/** Props of {@link SignOffDialog}. */
export interface SignOffDialogProps {
  articleTitle: string
  reviewer: ReviewerProfile
  /** Undefined while the policy is still loading. */
  policy: ReviewPolicy | undefined
  busy: boolean
  /** The Presentation tool with this draft's page, when the article has a slug. */
  previewHref?: string | undefined
  onConfirm: (note: string) => void
  onCancel: () => void
}

/**
 * What the clinician is about to approve and as whom. Signing stays impossible until they tick
 * the attestation: the sign-off is a professional statement, not a routine click.
 */
export function SignOffDialog({
  articleTitle,
  reviewer,
  policy,
  busy,
  previewHref,
  onConfirm,
  onCancel,
}: SignOffDialogProps) {
  const [note, setNote] = useState('')
  const [attested, setAttested] = useState(false)
  const noteId = useId()
  const attestationId = useId()
  return (
    <Stack gap={5} padding={4}>
      <Stack gap={3}>
        <Label>You are approving</Label>
        <Text weight="semibold">{articleTitle}</Text>
        <Text size={1} muted>
          Its title, excerpt, body and the FAQs it embeds, exactly as they are now. Any later change to them makes this
          sign-off stale, and the site stops showing it.
        </Text>
        {previewHref && (
          <Text size={1}>
            <a href={previewHref} target="_blank" rel="noreferrer">
              Open this draft as readers will see it (preview, new tab)
            </a>
          </Text>
        )}
      </Stack>
      <Stack gap={3}>
        <Label>You sign as</Label>
        <Text>{displayName(reviewer)}</Text>
      </Stack>
      <Stack gap={3}>
        <Label>Review policy</Label>
        <Text>
          {policy
            ? `A sign-off is valid for ${policy.validityMonths} months; editors are warned ${policy.warningDays} days before it expires.`
            : 'Loading the review policy…'}
        </Text>
      </Stack>
      <Stack gap={3}>
        <Label as="label" htmlFor={noteId}>
          Note for the editors (optional)
        </Label>
        <TextArea id={noteId} rows={2} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
      </Stack>
      <Flex gap={3} align="flex-start">
        <Checkbox
          id={attestationId}
          checked={attested}
          onChange={(event) => setAttested(event.currentTarget.checked)}
        />
        <Text as="label" htmlFor={attestationId}>
          {ATTESTATION}
        </Text>
      </Flex>
      <Flex gap={2} justify="flex-end">
        <Button mode="ghost" text="Cancel" onClick={onCancel} disabled={busy} />
        <Button
          tone="positive"
          text="Sign off"
          disabled={!attested || busy || !policy}
          loading={busy}
          onClick={() => onConfirm(note)}
        />
      </Flex>
    </Stack>
  )
}
