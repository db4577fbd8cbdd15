// ForgotPassword: a reset code to the user's verified email or phone (account recovery order). With
// PreventUserExistenceErrors an unknown user gets a plausible answer and nothing is sent.
import type { ForgotPasswordRequest } from "@aws-sdk/client-cognito-identity-provider";
import { InvalidParameterException, NotAuthorizedException, UserNotFoundException } from "../errors.js";
import { MessagesService } from "../services/messages.js";
import { checkSecretHash, clientAndPool } from "../signin/client-auth.js";
import { NO_RECOVERY, recoveryDelivery } from "../signin/deliveries.js";
import { hidesUsers } from "../signin/user-checks.js";
import { defineTarget } from "./target.js";

export default defineTarget<ForgotPasswordRequest>((input, { services }) => {
  const { client, pool } = clientAndPool(services, input.ClientId as string);
  const name = input.Username as string;
  const user = services.users.find(pool, name);
  checkSecretHash(client, [name, user?.username], input.SecretHash);
  if (!user) {
    if (!hidesUsers(client)) throw new UserNotFoundException("Username/client id combination not found.");
    const fake = { channel: "EMAIL" as const, destination: `${name.replace(/@.*/, "")}@example.com` };
    return {
      CodeDeliveryDetails: {
        Destination: MessagesService.mask(fake),
        DeliveryMedium: "EMAIL",
        AttributeName: "email",
      },
    };
  }
  if (!user.enabled) throw new NotAuthorizedException("User is disabled.");
  const delivery = recoveryDelivery(pool, user);
  if (!delivery) throw new InvalidParameterException(NO_RECOVERY);
  return { CodeDeliveryDetails: services.codes.send(pool, user, "FORGOT_PASSWORD", delivery) };
});
