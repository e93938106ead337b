import { ResponseError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  goldenPathOptions,
  mockApi,
  unrestrictedGoldenPathOptions,
} from '../../testUtils/fixtures';
import { renderField, runValidation } from '../../__testUtils__/fields';
import { AzureOpenAIPolicyChoice } from './AzureOpenAIPolicyChoice';
import { azureOpenAIPolicyChoiceValidation } from './validation';

const withOptions = (options = goldenPathOptions) =>
  mockApi({ getGoldenPathOptions: jest.fn().mockResolvedValue(options) });

describe('AzureOpenAIPolicyChoice', () => {
  it('offers the regions the policy allows and returns the one picked', async () => {
    const { changes } = await renderField<string>({
      component: AzureOpenAIPolicyChoice,
      api: withOptions(),
      uiOptions: { choice: 'region' },
      title: 'Region',
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Region/ }),
    );
    const options = screen.getAllByRole('option').map(o => o.textContent);
    expect(options).toEqual(['swedencentral', 'westeurope']);
    await userEvent.click(screen.getByRole('option', { name: 'westeurope' }));
    expect(changes).toEqual(['westeurope']);
    expect(screen.getByRole('button', { name: /Region/ })).toHaveTextContent(
      'westeurope',
    );
  });

  it('offers the subscriptions the policy allows', async () => {
    await renderField<string>({
      component: AzureOpenAIPolicyChoice,
      api: withOptions(),
      uiOptions: { choice: 'subscription' },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Subscription/ }),
    );
    expect(screen.getAllByRole('option')).toHaveLength(2);
    expect(
      screen.getByRole('option', {
        name: '00000000-0000-0000-0000-000000000001',
      }),
    ).toBeInTheDocument();
  });

  it('shows the threshold and what each content filter profile blocks', async () => {
    await renderField<string>({
      component: AzureOpenAIPolicyChoice,
      api: withOptions(),
      uiOptions: { choice: 'contentFilterProfile' },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Content filter profile/ }),
    );
    const strict = screen.getByRole('option', { name: /^strict/ });
    expect(
      within(strict).getByText(
        'Threshold Low: blocks harmful content of low severity and above, protected code and profanity',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('option', { name: /^default/ })).toHaveTextContent(
      'Threshold Medium',
    );
  });

  it('is free text when the policy does not restrict the choice', async () => {
    const { changes } = await renderField<string>({
      component: AzureOpenAIPolicyChoice,
      api: withOptions(unrestrictedGoldenPathOptions),
      uiOptions: { choice: 'region' },
      title: 'Region',
    });
    const input = await screen.findByRole('textbox', { name: /Region/ });
    expect(
      screen.getByText('The golden-path policy does not restrict the region.'),
    ).toBeInTheDocument();
    await userEvent.type(input, 'eastus');
    expect(changes[changes.length - 1]).toBe('eastus');
  });

  it('shows a value the policy no longer allows as an error naming the allowed values', async () => {
    await renderField<string>({
      component: AzureOpenAIPolicyChoice,
      api: withOptions(),
      uiOptions: { choice: 'region' },
      formData: 'eastus',
    });
    expect(
      await screen.findByText(
        'The region "eastus" is not allowed by the golden-path policy. Allowed: swedencentral, westeurope.',
      ),
    ).toBeInTheDocument();
  });

  it('shows progress while the options load', async () => {
    await renderField<string>({
      component: AzureOpenAIPolicyChoice,
      api: mockApi({
        getGoldenPathOptions: jest.fn(() => new Promise<never>(() => {})),
      }),
      uiOptions: { choice: 'region' },
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('explains why the options could not be loaded and retries', async () => {
    const getGoldenPathOptions = jest
      .fn()
      .mockRejectedValueOnce(
        await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: { name: 'Error', message: 'golden path not configured' },
              request: { method: 'GET', url: '/golden-path/options' },
              response: { statusCode: 503 },
            }),
            {
              status: 503,
              headers: { 'Content-Type': 'application/json' },
            },
          ),
        ),
      )
      .mockResolvedValueOnce(goldenPathOptions);
    await renderField<string>({
      component: AzureOpenAIPolicyChoice,
      api: mockApi({ getGoldenPathOptions }),
      uiOptions: { choice: 'region' },
    });
    expect(
      await screen.findByText(
        /Could not load the golden-path choices for region/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('golden path not configured')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('button', { name: /Region/ }),
    ).toBeInTheDocument();
    expect(getGoldenPathOptions).toHaveBeenCalledTimes(2);
  });

  it('says when the template does not set ui:options.choice', async () => {
    await renderField<string>({
      component: AzureOpenAIPolicyChoice,
      api: withOptions(),
      uiOptions: { choice: 'sku' },
    });
    expect(
      await screen.findByText(
        'The template sets ui:options.choice to "sku"; use one of subscription, region, contentFilterProfile.',
      ),
    ).toBeInTheDocument();
  });
});

describe('azureOpenAIPolicyChoiceValidation', () => {
  it('refuses a value the policy does not allow, naming the allowed values', async () => {
    await expect(
      runValidation(
        azureOpenAIPolicyChoiceValidation,
        'lenient',
        withOptions(),
        { choice: 'contentFilterProfile' },
      ),
    ).resolves.toEqual([
      'The content filter profile "lenient" is not allowed by the golden-path policy. Allowed: default, strict.',
    ]);
  });

  it('accepts allowed values, and anything when the policy does not restrict the choice', async () => {
    await expect(
      runValidation(
        azureOpenAIPolicyChoiceValidation,
        'swedencentral',
        withOptions(),
        { choice: 'region' },
      ),
    ).resolves.toEqual([]);
    await expect(
      runValidation(
        azureOpenAIPolicyChoiceValidation,
        'eastus',
        withOptions(unrestrictedGoldenPathOptions),
        { choice: 'region' },
      ),
    ).resolves.toEqual([]);
  });

  it('reports when the policy cannot be checked', async () => {
    await expect(
      runValidation(
        azureOpenAIPolicyChoiceValidation,
        'swedencentral',
        mockApi({
          getGoldenPathOptions: jest.fn().mockRejectedValue(new Error('down')),
        }),
        { choice: 'region' },
      ),
    ).resolves.toEqual([
      'Could not check the region against the golden-path policy: down',
    ]);
    await expect(
      runValidation(
        azureOpenAIPolicyChoiceValidation,
        'swedencentral',
        undefined,
        { choice: 'region' },
      ),
    ).resolves.toEqual([
      'Could not check the region against the golden-path policy: The Azure OpenAI API is not installed in this app.',
    ]);
  });

  it('refuses a template without a valid ui:options.choice', async () => {
    await expect(
      runValidation(azureOpenAIPolicyChoiceValidation, 'x', withOptions(), {}),
    ).resolves.toEqual([
      "The template's ui:options.choice must be one of subscription, region, contentFilterProfile.",
    ]);
  });
});
