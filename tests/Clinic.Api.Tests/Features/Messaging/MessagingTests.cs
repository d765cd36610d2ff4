using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;
using Npgsql;

namespace Clinic.Api.Tests.Features.Messaging;

/// <summary>Issue 31 items 1, 2, 5 and 6: threads, messages, read markers, the inbox, the privacy matrix and the record.</summary>
public sealed class MessagingTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task PrivacyMatrix_EveryThread_ForEveryRoleAndPartner()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, b) = await therapist.PartnersAsync(couple);
        var other = await factory.SignedInTherapistAsync();
        var otherCouple = await other.CreateCoupleAsync("Kim", "Lee");
        var y = await other.SignedInPartnerAsync(otherCouple, 0);
        var admin = await factory.AdminAsync();
        var t = await therapist.ThreadsAsync(couple);

        var expected = new (string Who, ApiClient Client, string Path, int Joint, int PrivateA, int PrivateB)[]
        {
            ("therapist", therapist, "/api/threads", 200, 200, 200),
            ("another therapist", other, "/api/threads", 404, 404, 404),
            ("admin", admin, "/api/threads", 403, 403, 403),
            ("admin in the portal", admin, "/api/portal/threads", 403, 403, 403),
            ("partner A", a, "/api/portal/threads", 200, 200, 404),
            ("partner B", b, "/api/portal/threads", 200, 404, 200),
            ("partner A in the workspace", a, "/api/threads", 403, 403, 403),
            ("another couple's partner", y, "/api/portal/threads", 404, 404, 404),
        };
        var failures = new List<string>();
        foreach (var (who, client, path, joint, privateA, privateB) in expected)
            foreach (var (thread, status) in new[] { (t.Joint, joint), (t.PrivateA, privateA), (t.PrivateB, privateB) })
            {
                var read = await client.GetAsync($"{path}/{thread}/messages");
                var write = await client.PostAsync($"{path}/{thread}/messages", new { body = $"From {who}" });
                var writeStatus = status == 200 ? 201 : status;
                if ((int)read.StatusCode != status) failures.Add($"{who} GET {thread}: {(int)read.StatusCode}, expected {status}");
                if ((int)write.StatusCode != writeStatus) failures.Add($"{who} POST {thread}: {(int)write.StatusCode}, expected {writeStatus}");
            }

        failures.Should().BeEmpty();
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM messages WHERE couple_id = '{couple.Id()}'"))
            .Should().Be(7, "3 by the therapist, 2 by each partner, nothing by anyone else");
        (await admin.GetAsync("/api/inbox")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "an admin reads no messages");
        (await admin.GetAsync($"/api/couples/{couple.Id()}/threads")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await other.GetAsync($"/api/couples/{couple.Id()}/threads")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APartnersPrivateLine_IsNeverSeenByTheOtherPartner_WhoSeesTheJointThread()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, b) = await therapist.PartnersAsync(couple);
        var t = await therapist.ThreadsAsync(couple);

        await a.WriteAsync(t.PrivateA, "I feel unheard at home.");
        await a.WriteAsync(t.Joint, "Looking forward to Tuesday.");
        await therapist.WriteAsync(t.PrivateA, "Thank you for telling me.");

        var bThreads = await b.GetJsonAsync("/api/portal/threads");
        bThreads["items"]!.AsArray().Select(i => i!.Id()).Should().BeEquivalentTo([t.Joint, t.PrivateB]);
        bThreads.ToJsonString().Should().NotContain(t.PrivateA.ToString());
        var joint = await b.MessagesAsync(t.Joint);
        joint.Bodies().Should().Equal("Looking forward to Tuesday.");
        joint["items"]![0]!["authorName"]!.GetValue<string>().Should().Be("Your partner", "no portal answer names the other partner");
        (await b.MessagesAsync(t.PrivateB)).Bodies().Should().BeEmpty();
        (await a.MessagesAsync(t.PrivateA)).Bodies().Should().Equal("Thank you for telling me.", "I feel unheard at home.");
        var aThreads = await a.GetJsonAsync("/api/portal/threads");
        aThreads.Thread(t.PrivateA)["unreadCount"]!.GetValue<int>().Should().Be(1, "the therapist's answer");
        aThreads.Thread(t.PrivateA)["safetyFlagOpen"].Should().BeNull("the portal never hears of safety flags");
        aThreads["notice"]!.GetValue<string>().Should().Contain("not for emergencies");
        aThreads["crisisResources"]!["markdown"]!.GetValue<string>().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Messages_ArePagedNewestFirst_ByCursor_BeforeAndAfter()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var t = await therapist.ThreadsAsync(couple);
        var seqs = new List<long>();
        for (var i = 1; i <= 5; i++) seqs.Add((await therapist.WriteAsync(t.Joint, $"m{i}"))["seq"]!.GetValue<long>());

        var first = await therapist.MessagesAsync(t.Joint, "?limit=2");
        var second = await therapist.MessagesAsync(t.Joint, $"?limit=2&before={first["nextBefore"]}");
        var third = await therapist.MessagesAsync(t.Joint, $"?limit=2&before={second["nextBefore"]}");
        var caughtUp = await therapist.MessagesAsync(t.Joint, $"?limit=2&after={seqs[1]}");
        var rest = await therapist.MessagesAsync(t.Joint, $"?limit=2&after={caughtUp["nextAfter"]}");

        first.Bodies().Should().Equal("m5", "m4");
        second.Bodies().Should().Equal("m3", "m2");
        third.Bodies().Should().Equal("m1");
        third["nextBefore"].Should().BeNull();
        caughtUp.Bodies().Should().Equal("m4", "m3");
        rest.Bodies().Should().Equal("m5");
        rest["nextAfter"].Should().BeNull();
        seqs.Should().BeInAscendingOrder();
        (await (await therapist.GetAsync($"/api/threads/{t.Joint}/messages?limit=0")).ErrorFieldsAsync()).Should().Equal("limit");
        (await (await therapist.GetAsync($"/api/threads/{t.Joint}/messages?limit=101")).ErrorFieldsAsync()).Should().Equal("limit");
        (await (await therapist.GetAsync($"/api/threads/{t.Joint}/messages?before=3&after=1")).ErrorFieldsAsync()).Should().Equal("after");
    }

    [Fact]
    public async Task Post_WithAnIdempotencyKey_RetriedCreatesOneMessage_AndAnswersTheSame()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        var t = await therapist.ThreadsAsync(couple);
        var key = Guid.NewGuid().ToString();

        var first = await a.PostMessageAsync(t.PrivateA, "Can we talk about the homework?", key);
        var retry = await a.PostMessageAsync(t.PrivateA, "Can we talk about the homework?", key);
        var reused = await a.PostMessageAsync(t.PrivateA, "Something else", key);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        reused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM messages WHERE thread_id = '{t.PrivateA}'")).Should().Be(1);
    }

    [Fact]
    public async Task Post_EmptyOrTooLongOrMissingBody_Is400NamingBody_AndPlainTextIsKeptAsWritten()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var t = await therapist.ThreadsAsync(couple);

        (await (await therapist.PostMessageAsync(t.Joint, "   ")).ErrorFieldsAsync()).Should().Equal("body");
        (await (await therapist.PostMessageAsync(t.Joint, new string('x', 4001))).ErrorFieldsAsync()).Should().Equal("body");
        (await (await therapist.PostAsync($"/api/threads/{t.Joint}/messages", new { })).ErrorFieldsAsync()).Should().Equal("body");
        var longest = await therapist.WriteAsync(t.Joint, new string('x', 4000));
        var markup = await therapist.WriteAsync(t.Joint, "  <b>not bold</b>\r\nsecond line  ");

        longest["body"]!.GetValue<string>().Should().HaveLength(4000);
        markup["body"]!.GetValue<string>().Should().Be("<b>not bold</b>\nsecond line", "plain text, never rendered as markup");
        markup["authorRole"]!.GetValue<string>().Should().Be("therapist");
        markup["mine"]!.GetValue<bool>().Should().BeTrue();
        (await therapist.PostAsync($"/api/threads/{Guid.NewGuid()}/messages", new { body = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ClosedCouple_TakesNoNewMessage_ButItsThreadsStayReadable_AndItsPortalIsClosed()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        var t = await therapist.ThreadsAsync(couple);
        await a.WriteAsync(t.Joint, "Thank you for everything.");
        couple = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}");
        await therapist.CloseCoupleAsync(couple);

        var fromTherapist = await therapist.PostMessageAsync(t.Joint, "Take care");
        var fromPartner = await a.PostMessageAsync(t.Joint, "One more thing");
        var signIn = await factory.Anonymous().TryLoginAsync(couple["partners"]![0]!["email"]!.GetValue<string>(), Accounts.Password);

        fromTherapist.StatusCode.Should().Be(HttpStatusCode.Conflict);
        fromPartner.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "closing ends the partners' sessions");
        (await signIn.JsonAsync())["portalClosed"]!.GetValue<bool>().Should().BeTrue("the portal says it is closed");
        var threads = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/threads");
        threads["coupleClosed"]!.GetValue<bool>().Should().BeTrue();
        (await therapist.MessagesAsync(t.Joint)).Bodies().Should().Equal("Thank you for everything.");
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM messages WHERE couple_id = '{couple.Id()}'")).Should().Be(1);
    }

    [Fact]
    public async Task ReadMarkers_DriveUnreadCounts_TheInbox_AndTheCaseloadColumn()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, b) = await therapist.PartnersAsync(couple);
        var t = await therapist.ThreadsAsync(couple);
        await a.WriteAsync(t.PrivateA, "First, waiting longest.");
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await b.WriteAsync(t.Joint, "Second.");
        var newest = await b.WriteAsync(t.Joint, "Third.");

        var inbox = await therapist.GetJsonAsync("/api/inbox");
        var row = await therapist.CaseloadRowAsync(couple);
        var threads = (await therapist.ThreadsAsync(couple)).List;

        inbox["unreadCount"]!.GetValue<int>().Should().Be(3);
        inbox["items"]!.AsArray().Select(i => i!["threadId"]!.GetValue<Guid>()).Should().Equal(t.PrivateA, t.Joint);
        inbox["items"]![0]!["partnerName"]!.GetValue<string>().Should().Be("Alex");
        row["unreadMessages"]!.GetValue<int>().Should().Be(3);
        row["alerts"]!.AsArray().Select(x => x!["code"]!.GetValue<string>()).Should().Contain("unread_messages");
        threads.Thread(t.Joint)["unreadCount"]!.GetValue<int>().Should().Be(2);
        threads.Thread(t.Joint)["lastMessageAt"].Should().NotBeNull();
        (await b.GetJsonAsync("/api/portal/threads")).Thread(t.Joint)["unreadCount"]!.GetValue<int>().Should().Be(0, "their own messages");

        var read = await therapist.MarkReadAsync(t.Joint, newest["seq"]!.GetValue<long>());
        var back = await therapist.MarkReadAsync(t.Joint, newest["seq"]!.GetValue<long>() - 1);

        read["unreadCount"]!.GetValue<int>().Should().Be(0);
        back["upToSeq"]!.GetValue<long>().Should().Be(newest["seq"]!.GetValue<long>(), "a marker never moves back");
        (await therapist.GetJsonAsync("/api/inbox"))["items"]!.AsArray().Select(i => i!["threadId"]!.GetValue<Guid>()).Should().Equal(t.PrivateA);
        (await therapist.CaseloadRowAsync(couple))["unreadMessages"]!.GetValue<int>().Should().Be(1);
        var receipts = (await b.MessagesAsync(t.Joint))["readMarkers"]!.AsArray();
        receipts.Select(r => r!["role"]!.GetValue<string>()).Should().Contain("therapist");
        (await (await therapist.PostAsync($"/api/threads/{t.Joint}/read", new { upTo = 999_999_999 })).ErrorFieldsAsync()).Should().Equal("upTo");
        (await (await therapist.PostAsync($"/api/threads/{t.Joint}/read", new { })).ErrorFieldsAsync()).Should().Equal("upTo");
    }

    [Fact]
    public async Task EveryReadByTheTherapist_IsAudited()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        var t = await therapist.ThreadsAsync(couple);
        await a.WriteAsync(t.PrivateA, "Hello.");

        await therapist.MessagesAsync(t.PrivateA);
        await therapist.MessagesAsync(t.PrivateA);

        var reads = (await factory.AuditAsync(couple, "message.read"))["items"]!.AsArray();
        reads.Should().HaveCount(2);
        reads.Select(r => r!["resourceId"]!.GetValue<Guid>()).Should().AllBeEquivalentTo(t.PrivateA);
        (await factory.AuditAsync(couple, "portal.message.write"))["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Messages_AreNeverEditedOrDeleted_EvenByTheAppsOwnConnection()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var t = await therapist.ThreadsAsync(couple);
        var message = await therapist.WriteAsync(t.Joint, "As written.");

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var update = async () => await new NpgsqlCommand($"UPDATE messages SET body = 'changed' WHERE id = '{message.Id()}'", connection).ExecuteNonQueryAsync();
        var delete = async () => await new NpgsqlCommand($"DELETE FROM messages WHERE id = '{message.Id()}'", connection).ExecuteNonQueryAsync();

        await update.Should().ThrowAsync<PostgresException>();
        await delete.Should().ThrowAsync<PostgresException>();
        (await therapist.MessagesAsync(t.Joint)).Bodies().Should().Equal("As written.");
        (await therapist.PatchAsync($"/api/threads/{t.Joint}/messages", new { body = "x" })).StatusCode
            .Should().BeOneOf(HttpStatusCode.MethodNotAllowed, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PrivateThread_ShowsTheTherapistAnOpenSafetyFlag_OfItsPartner()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        await therapist.RaiseFlagAsync(couple, a);
        await a.WriteAsync((await therapist.ThreadsAsync(couple)).PrivateA, "Can we talk alone?");

        var t = await therapist.ThreadsAsync(couple);
        var inbox = await therapist.GetJsonAsync("/api/inbox");

        t.List.Thread(t.PrivateA)["safetyFlagOpen"]!.GetValue<bool>().Should().BeTrue();
        t.List.Thread(t.PrivateB)["safetyFlagOpen"]!.GetValue<bool>().Should().BeFalse();
        t.List.Thread(t.Joint)["safetyFlagOpen"]!.GetValue<bool>().Should().BeFalse();
        inbox["items"]!.AsArray().Single(i => i!["threadId"]!.GetValue<Guid>() == t.PrivateA)!["safetyFlagOpen"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task PracticeSettings_MessagingOff_RefusesNewMessages_AndTheNoticeRoundTrips()
    {
        var admin = await factory.AdminAsync();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var t = await therapist.ThreadsAsync(couple);
        var settings = await admin.GetJsonAsync("/api/admin/practice");
        settings["messagingEnabled"] = false;
        settings["messagingNotice"] = "Messages are read on Mondays and Thursdays. In an emergency call 999.";

        var saved = await admin.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/admin/practice", settings);
        try
        {
            var refused = await therapist.PostMessageAsync(t.Joint, "Hello");
            var list = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/threads");
            var blank = await admin.PutAsync("/api/admin/practice", new { version = saved["version"]!.GetValue<uint>(), messagingNotice = " " });

            saved["messagingEnabled"]!.GetValue<bool>().Should().BeFalse();
            refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
            list["messagingEnabled"]!.GetValue<bool>().Should().BeFalse();
            list["notice"]!.GetValue<string>().Should().Be("Messages are read on Mondays and Thursdays. In an emergency call 999.");
            (await blank.ErrorFieldsAsync()).Should().Equal("messagingNotice");
        }
        finally
        {
            await admin.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/admin/practice",
                new { version = saved["version"]!.GetValue<uint>(), messagingEnabled = true });
        }
        (await therapist.PostMessageAsync(t.Joint, "Hello")).StatusCode.Should().Be(HttpStatusCode.Created);
    }
}

/// <summary>30 messages a minute per user, then 429 with Retry-After (Clinic:Messaging:PerMinute).</summary>
public sealed class MessagingRateLimitTests(MessagingRateLimitTests.Factory factory) : IClassFixture<MessagingRateLimitTests.Factory>
{
    public sealed class Factory : ClinicApiFactory
    {
        protected override int MessagesPerMinute => 30;
    }

    [Fact]
    public async Task The31stMessageInAMinute_Is429WithRetryAfter_AndStoresNothing_WhileAnotherUserStillWrites()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        var t = await therapist.ThreadsAsync(couple);
        for (var i = 0; i < 30; i++) (await a.PostMessageAsync(t.PrivateA, $"m{i}")).StatusCode.Should().Be(HttpStatusCode.Created);

        var refused = await a.PostMessageAsync(t.PrivateA, "one too many");
        var therapistsTurn = await therapist.PostMessageAsync(t.PrivateA, "I am here.");

        refused.StatusCode.Should().Be((HttpStatusCode)429);
        refused.Headers.RetryAfter.Should().NotBeNull();
        therapistsTurn.StatusCode.Should().Be(HttpStatusCode.Created, "the budget is per user");
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM messages WHERE thread_id = '{t.PrivateA}'")).Should().Be(31);
    }
}
