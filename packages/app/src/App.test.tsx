import { render, screen } from '@testing-library/react';
import app from './App';

describe('App', () => {
  it('starts on the guest sign-in page with the product title', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test', baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(app.createRoot());

    expect(
      await screen.findByRole('heading', { name: 'Azure OpenAI Golden Path' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
  });
});
