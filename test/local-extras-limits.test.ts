// Provisioned limits (GetProvisionedLimit / UpdateProvisionedLimit) end to end through the AWS SDK v3
// over HTTP: the default quotas per API category, a stored override, and the validation errors.
import * as C from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
beforeAll(async () => {
  h = await startLocal();
});
afterAll(async () => {
  await h.close();
});

const def = (Category: string, LimitClass = "API_CATEGORY") => ({
  LimitClass: LimitClass as C.LimitClass,
  Attributes: { Category },
});
const get = (Category: string) =>
  h.client.send(new C.GetProvisionedLimitCommand({ LimitDefinition: def(Category) }));
const update = (Category: string, RequestedLimitValue: number) =>
  h.client.send(new C.UpdateProvisionedLimitCommand({ LimitDefinition: def(Category), RequestedLimitValue }));

describe("provisioned limits", () => {
  it("answers Cognito's default quota for every category", async () => {
    const defaults: Record<string, number> = {
      UserAuthentication: 120,
      UserCreation: 50,
      UserFederation: 25,
      UserAccountRecovery: 30,
      UserRead: 120,
      UserUpdate: 25,
      UserToken: 120,
      UserResourceRead: 50,
      UserResourceUpdate: 25,
      UserList: 30,
      UserPoolRead: 15,
      UserPoolUpdate: 15,
      UserPoolResourceRead: 20,
      UserPoolResourceUpdate: 15,
      UserPoolClientRead: 15,
      UserPoolClientUpdate: 15,
      ClientAuthentication: 150,
    };
    for (const [category, value] of Object.entries(defaults)) {
      const { Limit } = await get(category);
      expect(Limit).toEqual({
        LimitDefinition: { LimitClass: "API_CATEGORY", Attributes: { Category: category } },
        ProvisionedLimitValue: value,
        FreeLimitValue: value,
      });
    }
  });

  it("stores an override and returns it with the free value", async () => {
    const { Limit } = await update("UserAuthentication", 300);
    expect(Limit?.ProvisionedLimitValue).toBe(300);
    expect(Limit?.FreeLimitValue).toBe(120);
    expect((await get("UserAuthentication")).Limit?.ProvisionedLimitValue).toBe(300);
    // Back to the default value is allowed; other categories are untouched.
    expect((await update("UserAuthentication", 120)).Limit?.ProvisionedLimitValue).toBe(120);
    expect((await get("UserCreation")).Limit?.ProvisionedLimitValue).toBe(50);
    expect(h.endpoint.services.db.prepare("SELECT COUNT(*) FROM provisioned_limits").pluck().get()).toBe(1);
  });

  it("refuses values below the default, unknown categories and malformed definitions", async () => {
    const low = await failure(update("UserCreation", 49));
    expect(low.name).toBe("InvalidParameterException");
    expect(low.message).toContain("at least the default limit of 50");

    const unknown = await failure(get("UserTeleportation"));
    expect(unknown.name).toBe("InvalidParameterException");
    expect(unknown.message).toContain("Unknown API category UserTeleportation");

    const noCategory = await failure(
      h.client.send(
        new C.GetProvisionedLimitCommand({
          LimitDefinition: { LimitClass: "API_CATEGORY", Attributes: { Kind: "UserRead" } },
        }),
      ),
    );
    expect(noCategory.name).toBe("InvalidParameterException");

    const badClass = await failure(
      h.client.send(new C.GetProvisionedLimitCommand({ LimitDefinition: def("UserRead", "ACCOUNT") })),
    );
    expect(badClass.name).toBe("InvalidParameterException");
    expect(badClass.message).toContain("Member must satisfy enum value set: [API_CATEGORY]");

    const noValue = await failure(
      h.client.send(
        new C.UpdateProvisionedLimitCommand({
          LimitDefinition: def("UserRead"),
        } as unknown as C.UpdateProvisionedLimitRequest),
      ),
    );
    expect(noValue.name).toBe("InvalidParameterException");
    expect(noValue.message).toContain(
      "'requestedLimitValue' failed to satisfy constraint: Member must not be null",
    );

    const noDefinition = await failure(
      h.client.send(new C.GetProvisionedLimitCommand({} as C.GetProvisionedLimitRequest)),
    );
    expect(noDefinition.name).toBe("InvalidParameterException");
  });
});
