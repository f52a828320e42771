import {Button, Flex, Label, Stack, Text, TextArea} from '@sanity/ui'
import {useId, useState} from 'react'

/** Props of {@link RequestReviewDialog}. */
export interface RequestReviewDialogProps {
  articleTitle: string
  onConfirm: (note: string) => void
  onCancel: () => void
}

/** Asks for an optional note to the reviewer before recording the request. */
export function RequestReviewDialog({articleTitle, onConfirm, onCancel}: RequestReviewDialogProps) {
  const [note, setNote] = useState('')
  const noteId = useId()
  return (
    <Stack gap={5} padding={4}>
      <Text>
        A clinician will see “{articleTitle}” under Articles → Awaiting review. Publishing stays blocked until they sign
        off the current content.
      </Text>
      <Stack gap={3}>
        <Label as="label" htmlFor={noteId}>
          Note for the reviewer (optional)
        </Label>
        <TextArea
          id={noteId}
          rows={3}
          value={note}
          placeholder="What changed, what to check, any deadline"
          onChange={(event) => setNote(event.currentTarget.value)}
        />
      </Stack>
      <Flex gap={2} justify="flex-end">
        <Button mode="ghost" text="Cancel" onClick={onCancel} />
        <Button tone="primary" text="Request review" onClick={() => onConfirm(note)} />
      </Flex>
    </Stack>
  )
}
