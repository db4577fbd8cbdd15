// Terms documents (Create/Describe/DescribeByClient/List/Update/DeleteTerms) end to end through the
// AWS SDK v3 over HTTP, error cases included.
import * as C from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, type LocalHarness, startLocal } from "./helpers/local-server.js";

let h: LocalHarness;
let poolId: string;

async function newClient(): Promise<string> {
  const { UserPoolClient } = await h.client.send(
    new C.CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "terms" }),
  );
  return UserPoolClient?.ClientId as string;
}

const create = (clientId: string, name: string, links: Record<string, string>) =>
  h.client.send(
    new C.CreateTermsCommand({
      UserPoolId: poolId,
      ClientId: clientId,
      TermsName: name,
      TermsSource: "LINK",
      Enforcement: "NONE",
      Links: links,
    }),
  );

beforeAll(async () => {
  h = await startLocal();
  const { UserPool } = await h.client.send(new C.CreateUserPoolCommand({ PoolName: "extras-terms" }));
  poolId = UserPool?.Id as string;
});
afterAll(async () => {
  await h.close();
});

describe("terms documents", () => {
  it("creates, describes (by id and by client), lists, updates and deletes", async () => {
    const clientId = await newClient();
    const created = await create(clientId, "terms-of-use", {
      "cognito:default": "https://example.com/terms",
      "cognito:spanish": "https://example.com/es/terms",
    });
    const t = created.Terms as C.TermsType;
    expect(t.TermsId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(t).toMatchObject({
      UserPoolId: poolId,
      ClientId: clientId,
      TermsName: "terms-of-use",
      TermsSource: "LINK",
      Enforcement: "NONE",
      Links: {
        "cognito:default": "https://example.com/terms",
        "cognito:spanish": "https://example.com/es/terms",
      },
    });
    expect(t.CreationDate).toBeInstanceOf(Date);
    expect(t.LastModifiedDate).toBeInstanceOf(Date);

    const privacy = await create(clientId, "privacy-policy", {
      "cognito:default": "https://example.com/privacy",
    });

    const byId = await h.client.send(new C.DescribeTermsCommand({ UserPoolId: poolId, TermsId: t.TermsId }));
    expect(byId.Terms).toEqual(t);
    const byClient = await h.client.send(
      new C.DescribeTermsByClientCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        TermsName: "privacy-policy",
      }),
    );
    expect(byClient.Terms?.TermsId).toBe(privacy.Terms?.TermsId);

    const listed = await h.client.send(new C.ListTermsCommand({ UserPoolId: poolId }));
    expect(listed.Terms?.map((x) => [x.TermsId, x.TermsName, x.Enforcement])).toEqual([
      [t.TermsId, "terms-of-use", "NONE"],
      [privacy.Terms?.TermsId, "privacy-policy", "NONE"],
    ]);
    expect(listed.NextToken).toBeUndefined();
    const page1 = await h.client.send(new C.ListTermsCommand({ UserPoolId: poolId, MaxResults: 1 }));
    expect(page1.Terms).toHaveLength(1);
    const page2 = await h.client.send(
      new C.ListTermsCommand({ UserPoolId: poolId, MaxResults: 1, NextToken: page1.NextToken }),
    );
    expect(page2.Terms?.[0].TermsId).toBe(privacy.Terms?.TermsId);
    expect(page2.NextToken).toBeUndefined();

    const updated = await h.client.send(
      new C.UpdateTermsCommand({
        UserPoolId: poolId,
        TermsId: t.TermsId,
        Links: { "cognito:default": "https://example.com/terms-v2" },
      }),
    );
    expect(updated.Terms?.Links).toEqual({ "cognito:default": "https://example.com/terms-v2" });
    expect(updated.Terms?.TermsName).toBe("terms-of-use");

    // Renaming onto the name the client already has is TermsExistsException.
    const clash = await failure(
      h.client.send(
        new C.UpdateTermsCommand({ UserPoolId: poolId, TermsId: t.TermsId, TermsName: "privacy-policy" }),
      ),
    );
    expect(clash.name).toBe("TermsExistsException");

    await h.client.send(new C.DeleteTermsCommand({ UserPoolId: poolId, TermsId: t.TermsId }));
    const gone = await failure(
      h.client.send(new C.DescribeTermsCommand({ UserPoolId: poolId, TermsId: t.TermsId })),
    );
    expect(gone.name).toBe("ResourceNotFoundException");
    const goneByClient = await failure(
      h.client.send(
        new C.DescribeTermsByClientCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          TermsName: "terms-of-use",
        }),
      ),
    );
    expect(goneByClient.name).toBe("ResourceNotFoundException");
    // The name is free again.
    expect(
      (await create(clientId, "terms-of-use", { "cognito:default": "https://example.com/t" })).Terms,
    ).toBeDefined();
  });

  it("refuses a second document of the same name, bad names/enums/links, unknown clients", async () => {
    const clientId = await newClient();
    await create(clientId, "terms-of-use", { "cognito:default": "https://example.com/terms" });
    const dup = await failure(
      create(clientId, "terms-of-use", { "cognito:default": "https://example.com/x" }),
    );
    expect(dup.name).toBe("TermsExistsException");

    const badName = await failure(
      create(clientId, "cookie-policy", { "cognito:default": "https://example.com" }),
    );
    expect(badName.name).toBe("InvalidParameterException");
    expect(badName.message).toContain("at 'termsName' failed to satisfy constraint");

    const badLang = await failure(
      create(clientId, "privacy-policy", { "cognito:klingon": "https://example.com" }),
    );
    expect(badLang.name).toBe("InvalidParameterException");

    const noLinks = await failure(
      h.client.send(
        new C.CreateTermsCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          TermsName: "privacy-policy",
          TermsSource: "LINK",
          Enforcement: "NONE",
        }),
      ),
    );
    expect(noLinks.name).toBe("InvalidParameterException");

    const badEnum = await failure(
      h.client.send(
        new C.CreateTermsCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          TermsName: "privacy-policy",
          TermsSource: "LINK",
          Enforcement: "STRICT" as never,
          Links: { "cognito:default": "https://example.com" },
        }),
      ),
    );
    expect(badEnum.message).toContain("Member must satisfy enum value set: [NONE]");

    const noClient = await failure(
      create("nosuchclient", "terms-of-use", { "cognito:default": "https://e.com" }),
    );
    expect(noClient).toEqual({
      name: "ResourceNotFoundException",
      message: "User pool client nosuchclient does not exist.",
    });
    const byClientMissing = await failure(
      h.client.send(new C.DescribeTermsByClientCommand({ UserPoolId: poolId, ClientId: clientId } as never)),
    );
    expect(byClientMissing.name).toBe("InvalidParameterException");
    expect(byClientMissing.message).toContain("Value null at 'termsName' failed to satisfy constraint");
    const badId = await failure(
      h.client.send(new C.DescribeTermsCommand({ UserPoolId: poolId, TermsId: "nope" })),
    );
    expect(badId.name).toBe("InvalidParameterException");
  });

  it("deleting the app client deletes its terms", async () => {
    const clientId = await newClient();
    const t = (await create(clientId, "privacy-policy", { "cognito:default": "https://example.com/p" }))
      .Terms;
    await h.client.send(new C.DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    const gone = await failure(
      h.client.send(new C.DescribeTermsCommand({ UserPoolId: poolId, TermsId: t?.TermsId as string })),
    );
    expect(gone.name).toBe("ResourceNotFoundException");
  });
});
