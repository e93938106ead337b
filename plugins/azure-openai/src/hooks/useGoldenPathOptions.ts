import { useApi, type ApiHolder } from '@backstage/core-plugin-api';
import type { GoldenPathOptions } from '@pavedai/plugin-azure-openai-common';
import { azureOpenAIApiRef, type AzureOpenAIApi } from '../api/AzureOpenAIApi';
import { useAsyncData, type AsyncData } from './useAsyncData';

/** How long loaded options are reused by the fields and validators of one form. */
const REUSE_MS = 60_000;

const cache = new WeakMap<
  AzureOpenAIApi,
  { at: number; options: Promise<GoldenPathOptions> }
>();

/**
 * The golden-path options, shared by every field and validator of a form for a minute so one
 * form page makes one request. A failed request is not kept: the next call asks again.
 */
export function loadGoldenPathOptions(
  api: AzureOpenAIApi,
): Promise<GoldenPathOptions> {
  const hit = cache.get(api);
  if (hit && Date.now() - hit.at < REUSE_MS) return hit.options;
  const options = api.getGoldenPathOptions();
  cache.set(api, { at: Date.now(), options });
  options.catch(() => {
    if (cache.get(api)?.options === options) cache.delete(api);
  });
  return options;
}

/**
 * The golden-path options for a validator, from the form's API holder.
 *
 * @throws when the API is not installed or the options cannot be loaded.
 */
export function loadGoldenPathOptionsFrom(
  apiHolder: ApiHolder,
): Promise<GoldenPathOptions> {
  const api = apiHolder.get(azureOpenAIApiRef);
  if (!api) {
    return Promise.reject(
      new Error('The Azure OpenAI API is not installed in this app.'),
    );
  }
  return loadGoldenPathOptions(api);
}

/** The golden-path options for a form field, with loading, error and retry. */
export function useGoldenPathOptions(): AsyncData<GoldenPathOptions> {
  const api = useApi(azureOpenAIApiRef);
  return useAsyncData(() => loadGoldenPathOptions(api), [api]);
}
