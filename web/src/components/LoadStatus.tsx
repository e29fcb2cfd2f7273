import { ErrorAlert } from './ErrorAlert';

/** What a view says until its data is there: why fetching it failed, or that it is on its way. */
export function LoadStatus({
  error,
  loaded,
  loading = 'Loading…',
}: {
  error: string | null;
  loaded: boolean;
  loading?: string;
}) {
  if (error) return <ErrorAlert message={error} />;
  return loaded ? null : <p className="muted">{loading}</p>;
}
