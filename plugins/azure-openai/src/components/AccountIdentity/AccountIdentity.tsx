import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import type { AzureOpenAIAccount } from '@pavedai/plugin-azure-openai-common';
import { portalUrl } from '../../utils/presentation';

/** Props of {@link AccountIdentity}. */
export interface AccountIdentityProps {
  account: AzureOpenAIAccount;
}

/** Name, subscription, resource group, region and portal link of an account. */
export function AccountIdentity(props: AccountIdentityProps) {
  const { account } = props;
  const rows: Array<[string, string]> = [
    ['Subscription', account.subscriptionId],
    ['Resource group', account.resourceGroup],
    ['Region', account.location ?? 'unknown'],
  ];
  return (
    <Box>
      <dl style={{ margin: 0 }}>
        {rows.map(([term, value]) => (
          <Box key={term} display="flex" gridGap={8}>
            <Typography component="dt" variant="body2" color="textSecondary">
              {term}:
            </Typography>
            <Typography component="dd" variant="body2" style={{ margin: 0 }}>
              {value}
            </Typography>
          </Box>
        ))}
      </dl>
      <Link to={portalUrl(account.resourceId)} externalLinkIcon>
        Open {account.name} in the Azure portal
      </Link>
    </Box>
  );
}
