/** The record's own id (from the imported data, so in its own direction), as the work views' bars show it. */
export function RecordIdLabel({ externalId }: { externalId: string }) {
  return (
    <span>
      Record{' '}
      <code data-testid="external-id" dir="auto">
        {externalId}
      </code>
    </span>
  );
}
