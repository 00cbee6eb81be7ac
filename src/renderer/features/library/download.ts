/** Offers text as a file download (an exported collection or profile); the page never names a path. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // The click has started the download by the next turn; the URL is no longer needed then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from a collection or profile name: letters, digits, spaces, dashes. */
export const fileNameOf = (name: string, suffix: string): string => `${name.replace(/[^\p{L}\p{N} _-]+/gu, '_').trim() || 'export'}${suffix}.json`;
