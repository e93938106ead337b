import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ScanNowButton } from './ScanNowButton';

describe('ScanNowButton', () => {
  it('asks the policy about the scan permission on this entity', async () => {
    const authorize = jest.fn(
      (): AuthorizeResult.ALLOW => AuthorizeResult.ALLOW,
    );
    const onClick = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[[permissionApiRef, mockApis.permission({ authorize })]]}
      >
        <ScanNowButton
          entityRef="component:default/allowed"
          scanning={false}
          onClick={onClick}
        />
      </TestApiProvider>,
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Scan now' }),
    );
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'azure-openai.scan.create',
        }),
        resourceRef: 'component:default/allowed',
      }),
    );
  });

  it('renders nothing when the policy denies the scan', async () => {
    const authorize = jest.fn((): AuthorizeResult.DENY => AuthorizeResult.DENY);
    await renderInTestApp(
      <TestApiProvider
        apis={[[permissionApiRef, mockApis.permission({ authorize })]]}
      >
        <p>card body</p>
        <ScanNowButton
          entityRef="component:default/denied"
          scanning={false}
          onClick={jest.fn()}
        />
      </TestApiProvider>,
    );
    await screen.findByText('card body');
    await expect(
      screen.findByRole('button', { name: 'Scan now' }, { timeout: 300 }),
    ).rejects.toThrow();
    expect(authorize).toHaveBeenCalled();
  });

  it('is disabled while a scan runs', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[permissionApiRef, mockApis.permission()]]}>
        <ScanNowButton
          entityRef="component:default/running"
          scanning
          onClick={jest.fn()}
        />
      </TestApiProvider>,
    );
    expect(
      await screen.findByRole('button', { name: 'Scanning…' }),
    ).toBeDisabled();
  });
});
