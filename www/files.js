// Reading files the user gives the page, and saving files for the user. Text is never
// decoded here: the core checks and decodes the exact bytes.

export async function bytesOf(file) {
  return new Uint8Array(await file.arrayBuffer());
}

/** Decodes a JSON file strictly, so that bad bytes are reported, not replaced. */
export async function utf8Of(file) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await bytesOf(file));
  } catch {
    throw new Error(`Cannot import “${file.name}”: the file is not valid UTF-8. Nothing was changed.`);
  }
}

export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function timestamp(date = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}`;
}
