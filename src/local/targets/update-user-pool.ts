// UpdateUserPool: like the service, members left out go back to their defaults, except the ones the
// API cannot change (schema, username/alias attributes, username configuration, name).
import type { UpdateUserPoolRequest } from "@aws-sdk/client-cognito-identity-provider";
import { refuseWhileImporting } from "../services/import-jobs.js";
import { DEFAULT_PASSWORD_POLICY } from "../services/pools.js";
import { defineTarget } from "./target.js";

export default defineTarget<UpdateUserPoolRequest>((input, { services }) => {
  refuseWhileImporting(services, input.UserPoolId as string);
  services.pools.update(input.UserPoolId as string, (pool) => {
    const d = pool.data;
    d.Policies = {
      PasswordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...input.Policies?.PasswordPolicy },
      ...(input.Policies?.SignInPolicy ? { SignInPolicy: input.Policies.SignInPolicy } : {}),
    };
    d.DeletionProtection = input.DeletionProtection ?? "INACTIVE";
    d.LambdaConfig = input.LambdaConfig ?? {};
    d.AutoVerifiedAttributes = input.AutoVerifiedAttributes;
    d.SmsVerificationMessage = input.SmsVerificationMessage;
    d.EmailVerificationMessage = input.EmailVerificationMessage;
    d.EmailVerificationSubject = input.EmailVerificationSubject;
    d.VerificationMessageTemplate = {
      DefaultEmailOption: "CONFIRM_WITH_CODE",
      ...input.VerificationMessageTemplate,
    };
    d.SmsAuthenticationMessage = input.SmsAuthenticationMessage;
    d.UserAttributeUpdateSettings = input.UserAttributeUpdateSettings ?? {
      AttributesRequireVerificationBeforeUpdate: [],
    };
    d.MfaConfiguration = input.MfaConfiguration ?? "OFF";
    d.DeviceConfiguration = input.DeviceConfiguration;
    d.EmailConfiguration = input.EmailConfiguration ?? { EmailSendingAccount: "COGNITO_DEFAULT" };
    d.SmsConfiguration = input.SmsConfiguration;
    if (input.UserPoolTags) d.UserPoolTags = input.UserPoolTags;
    d.AdminCreateUserConfig = {
      AllowAdminCreateUserOnly: false,
      UnusedAccountValidityDays: 7,
      ...input.AdminCreateUserConfig,
    };
    d.UserPoolAddOns = input.UserPoolAddOns;
    d.AccountRecoverySetting = input.AccountRecoverySetting;
    if (input.PoolName) pool.name = input.PoolName;
    if (input.UserPoolTier) d.UserPoolTier = input.UserPoolTier;
    for (const k of Object.keys(d) as (keyof typeof d)[]) if (d[k] === undefined) delete d[k];
  });
  return {};
});
