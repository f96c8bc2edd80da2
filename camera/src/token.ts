import { readFile } from 'node:fs/promises';
import { OptionsError, type TokenChoice } from './options.ts';

/** The bearer token itself; a token file may end with a newline, which is not part of the token. */
export async function loadToken(choice: TokenChoice): Promise<string> {
  if (choice.kind === 'value') return choice.token;
  let text: string;
  try {
    text = await readFile(choice.path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new OptionsError(
      `Expected a readable file for --token-file but received ${choice.path} (${reason})`,
    );
  }
  const token = text.trim();
  if (token === '') throw new OptionsError(`Expected a token in ${choice.path} but the file is empty`);
  return token;
}
