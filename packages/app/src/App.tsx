import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * The golden-path Backstage app on the new frontend system. Plugins listed in package.json
 * are discovered through `app.packages: all` in app-config.yaml; these modules add what is ours.
 */
const app = createApp({
  features: [navModule, signInModule],
});

export default app;
