/** A page's heading about one dataset: what the page does, then the dataset's name in its own direction. */
export function DatasetTitle({ what, dataset }: { what: string; dataset: string }) {
  return (
    <h1>
      {what} <span dir="auto">{dataset}</span>
    </h1>
  );
}
