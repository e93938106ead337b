import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  goldenPathOptions,
  mockApi,
  unrestrictedGoldenPathOptions,
} from '../../testUtils/fixtures';
import { renderField, runValidation } from '../../__testUtils__/fields';
import {
  AzureOpenAIModelDeployments,
  type AzureOpenAIModelDeployment,
} from './AzureOpenAIModelDeployments';
import { azureOpenAIModelDeploymentsValidation } from './validation';

const withOptions = (options = goldenPathOptions) =>
  mockApi({ getGoldenPathOptions: jest.fn().mockResolvedValue(options) });

const row = (n: number) =>
  within(screen.getByRole('group', { name: `Deployment ${n}` }));

async function pick(n: number, field: RegExp, option: string) {
  await userEvent.click(row(n).getByRole('button', { name: field }));
  await userEvent.click(screen.getByRole('option', { name: option }));
}

const last = <T,>(values: T[]) => values[values.length - 1];

describe('AzureOpenAIModelDeployments', () => {
  it('adds a row with the first approved model, a derived name and a capacity within the cap', async () => {
    const { changes } = await renderField<AzureOpenAIModelDeployment[]>({
      component: AzureOpenAIModelDeployments,
      api: withOptions(),
      title: 'Model deployments',
    });
    expect(
      await screen.findByText('No model deployments yet.'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Add deployment' }),
    );
    expect(last(changes)).toEqual([
      {
        name: 'gpt-4-1',
        model: 'gpt-4.1',
        version: '2025-04-14',
        sku: 'Standard',
        capacity: 10,
      },
    ]);
    expect(row(1).getByText('Cap for Standard: 50')).toBeInTheDocument();
  });

  it('picks model, version and SKU from the policy; the name follows the model', async () => {
    const { changes } = await renderField<AzureOpenAIModelDeployment[]>({
      component: AzureOpenAIModelDeployments,
      api: withOptions(),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add deployment' }),
    );

    await userEvent.click(row(1).getByRole('button', { name: /Model/ }));
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
      'gpt-4.1',
      'gpt-4o',
      'text-embedding-3-large',
    ]);
    await userEvent.click(screen.getByRole('option', { name: 'gpt-4o' }));
    expect(last(changes)?.[0]).toMatchObject({
      name: 'gpt-4o',
      model: 'gpt-4o',
      version: '2024-08-06',
    });

    await userEvent.click(row(1).getByRole('button', { name: /Version/ }));
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
      '2024-08-06',
      '2024-11-20',
    ]);
    await userEvent.click(screen.getByRole('option', { name: '2024-11-20' }));

    await pick(1, /SKU/, 'DataZoneStandard');
    expect(
      row(1).getByText('Cap for DataZoneStandard: 100'),
    ).toBeInTheDocument();

    expect(last(changes)).toEqual([
      {
        name: 'gpt-4o',
        model: 'gpt-4o',
        version: '2024-11-20',
        sku: 'DataZoneStandard',
        capacity: 10,
      },
    ]);
  });

  it("shows and enforces the SKU's capacity cap", async () => {
    const { changes } = await renderField<AzureOpenAIModelDeployment[]>({
      component: AzureOpenAIModelDeployments,
      api: withOptions(),
      formData: [
        {
          name: 'chat',
          model: 'gpt-4o',
          version: '2024-11-20',
          sku: 'DataZoneStandard',
          capacity: 80,
        },
      ],
    });
    const capacity = await screen.findByRole('spinbutton', {
      name: /Capacity/,
    });
    expect(capacity).toHaveAttribute('max', '100');
    expect(
      row(1).getByText('Cap for DataZoneStandard: 100'),
    ).toBeInTheDocument();

    await userEvent.clear(capacity);
    await userEvent.type(capacity, '150');
    expect(last(changes)?.[0].capacity).toBe(150);
    expect(
      row(1).getByText(
        'capacity 150 exceeds the cap of 100 for SKU DataZoneStandard.',
      ),
    ).toBeInTheDocument();
    expect(capacity).toHaveAttribute('aria-invalid', 'true');

    // A SKU with a lower cap brings the capacity down to that cap.
    await pick(1, /SKU/, 'Standard');
    expect(last(changes)?.[0]).toMatchObject({ sku: 'Standard', capacity: 50 });
    expect(row(1).getByText('Cap for Standard: 50')).toBeInTheDocument();
  });

  it('keeps a second row apart: its own default name, and rows can be removed', async () => {
    const { changes } = await renderField<AzureOpenAIModelDeployment[]>({
      component: AzureOpenAIModelDeployments,
      api: withOptions(),
    });
    const add = await screen.findByRole('button', { name: 'Add deployment' });
    await userEvent.click(add);
    await userEvent.click(add);
    expect(last(changes)?.map(d => d.name)).toEqual(['gpt-4-1', 'gpt-4-1-2']);
    await userEvent.click(
      row(1).getByRole('button', { name: 'Remove deployment 1' }),
    );
    expect(last(changes)?.map(d => d.name)).toEqual(['gpt-4-1-2']);
    expect(screen.queryByRole('group', { name: 'Deployment 2' })).toBeNull();
  });

  it('flags a duplicate name in the row', async () => {
    await renderField<AzureOpenAIModelDeployment[]>({
      component: AzureOpenAIModelDeployments,
      api: withOptions(),
      formData: [
        {
          name: 'chat',
          model: 'gpt-4o',
          version: '2024-11-20',
          sku: 'Standard',
          capacity: 1,
        },
        {
          name: 'chat',
          model: 'gpt-4.1',
          version: '2025-04-14',
          sku: 'Standard',
          capacity: 1,
        },
      ],
    });
    expect(
      await screen.findByText('name "chat" is already used by deployment 1.'),
    ).toBeInTheDocument();
  });

  it('uses free text for model, version and SKU when the policy does not restrict them', async () => {
    const { changes } = await renderField<AzureOpenAIModelDeployment[]>({
      component: AzureOpenAIModelDeployments,
      api: withOptions(unrestrictedGoldenPathOptions),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add deployment' }),
    );
    expect(last(changes)).toEqual([
      { name: '', model: '', version: '', sku: '', capacity: 10 },
    ]);
    await userEvent.type(
      row(1).getByRole('textbox', { name: /Model/ }),
      'gpt-5',
    );
    await userEvent.type(
      row(1).getByRole('textbox', { name: /Version/ }),
      'v1',
    );
    await userEvent.type(
      row(1).getByRole('textbox', { name: /SKU/ }),
      'Standard',
    );
    expect(last(changes)).toEqual([
      {
        name: 'gpt-5',
        model: 'gpt-5',
        version: 'v1',
        sku: 'Standard',
        capacity: 10,
      },
    ]);
    expect(row(1).getByText('No cap for Standard')).toBeInTheDocument();
  });

  it('explains why the options could not be loaded', async () => {
    await renderField<AzureOpenAIModelDeployment[]>({
      component: AzureOpenAIModelDeployments,
      api: mockApi({
        getGoldenPathOptions: jest
          .fn()
          .mockRejectedValue(new Error('connection refused')),
      }),
    });
    expect(
      await screen.findByText(
        /Could not load the golden-path choices for model deployments/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('connection refused')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add deployment' })).toBeNull();
  });
});

describe('azureOpenAIModelDeploymentsValidation', () => {
  const valid = {
    name: 'chat',
    model: 'gpt-4o',
    version: '2024-11-20',
    sku: 'Standard',
    capacity: 50,
  };
  const validate = (value: any, options = goldenPathOptions) =>
    runValidation(
      azureOpenAIModelDeploymentsValidation,
      value,
      withOptions(options),
    );

  it('accepts deployments within the policy', async () => {
    await expect(validate([valid])).resolves.toEqual([]);
  });

  it('names the row and field of each problem', async () => {
    await expect(
      validate([
        valid,
        { ...valid, capacity: 51 },
        {
          name: 'x1',
          model: 'gpt-35-turbo',
          version: '0613',
          sku: 'GlobalStandard',
        },
        { ...valid, name: 'v2', version: '2024-05-13' },
      ]),
    ).resolves.toEqual([
      'Deployment 2 ("chat"): name "chat" is already used by deployment 1.',
      'Deployment 2 ("chat"): capacity 51 exceeds the cap of 50 for SKU Standard.',
      'Deployment 3 ("x1"): model "gpt-35-turbo" is not approved. Allowed: gpt-4.1, gpt-4o, text-embedding-3-large.',
      'Deployment 3 ("x1"): SKU "GlobalStandard" is not allowed. Allowed: Standard, DataZoneStandard.',
      'Deployment 3 ("x1"): capacity is missing.',
      'Deployment 4 ("v2"): version "2024-05-13" of gpt-4o is not approved. Allowed: 2024-08-06, 2024-11-20.',
    ]);
  });

  it('asks for at least one deployment', async () => {
    await expect(validate(undefined)).resolves.toEqual([
      'Add at least one model deployment.',
    ]);
  });

  it('reports when the policy cannot be checked', async () => {
    await expect(
      runValidation(
        azureOpenAIModelDeploymentsValidation,
        [valid],
        mockApi({
          getGoldenPathOptions: jest.fn().mockRejectedValue(new Error('down')),
        }),
      ),
    ).resolves.toEqual([
      'Could not check the model deployments against the golden-path policy: down',
    ]);
  });
});
