using Microsoft.Extensions.Logging.Abstractions;
using OkCow.Application.PersonalData;
using OkCow.Infrastructure.Embedded;

namespace OkCow.Application.Tests.PersonalData;

public sealed class PersonalDataVaultTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "okcow-vault-tests-" + Guid.NewGuid().ToString("N"));
    private readonly EmbeddedStore _store;
    private readonly InMemoryKeyEncryptionKeys _keks = new();
    private readonly PersonalDataVault _vault;

    public PersonalDataVaultTests()
    {
        _store = EmbeddedStore.Open(_folder);
        _vault = new PersonalDataVault(_store.DataKeys, _keks, TimeProvider.System, NullLogger<PersonalDataVault>.Instance);
    }

    [Fact]
    public async Task GivenASealedName_ThenItIsNotInClearAndOpensForItsInvestorAndFieldOnly()
    {
        var investor = Guid.NewGuid();
        var sealedName = await _vault.SealAsync(investor, PersonalDataVault.NameField, "Ada Lovelace", default);

        Assert.StartsWith(PersonalDataVault.Prefix, sealedName, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", sealedName, StringComparison.Ordinal);
        Assert.Equal("Ada Lovelace", await _vault.OpenAsync(investor, PersonalDataVault.NameField, sealedName, default));
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => _vault.OpenAsync(investor, PersonalDataVault.LoginIdField, sealedName, default));
    }

    [Fact]
    public async Task GivenTheDataKeyDestroyed_ThenWhatItSealedNoLongerOpens()
    {
        var investor = Guid.NewGuid();
        var sealedName = await _vault.SealAsync(investor, PersonalDataVault.NameField, "Ada Lovelace", default);

        await _vault.DestroyAsync(investor, default);

        Assert.Null(await _vault.OpenAsync(investor, PersonalDataVault.NameField, sealedName, default));
        Assert.False(await _vault.HasKeyAsync(investor, default));
    }

    [Fact]
    public async Task GivenAKekRotation_WhenRewrapped_ThenEveryKeyIsUnderTheNewVersionAndTheOldOneCanBeRetired()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var sealedFirst = await _vault.SealAsync(first, PersonalDataVault.NameField, "First", default);
        var sealedSecond = await _vault.SealAsync(second, PersonalDataVault.LoginIdField, "second", default);
        var old = await _keks.CurrentAsync(default);

        var next = _keks.Rotate();
        var result = await _vault.RewrapAsync(default);
        _keks.Retire(old.Version);

        Assert.Equal(new RewrapResult(next.Version, 2, 0), result);
        Assert.Equal(next.Version, (await _store.DataKeys.GetAsync(first, default))!.Value.KekVersion);
        Assert.Equal("First", await _vault.OpenAsync(first, PersonalDataVault.NameField, sealedFirst, default));
        Assert.Equal("second", await _vault.OpenAsync(second, PersonalDataVault.LoginIdField, sealedSecond, default));
        Assert.Equal(new RewrapResult(next.Version, 0, 2), await _vault.RewrapAsync(default));
    }

    [Fact]
    public async Task GivenAKeyUnderARetiredKekVersion_ThenOpeningFailsLoudlyInsteadOfAnsweringErased()
    {
        var investor = Guid.NewGuid();
        var sealedName = await _vault.SealAsync(investor, PersonalDataVault.NameField, "Ada", default);
        var old = await _keks.CurrentAsync(default);
        _keks.Rotate();
        _keks.Retire(old.Version);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _vault.OpenAsync(investor, PersonalDataVault.NameField, sealedName, default));
    }

    [Fact]
    public void GivenPseudonyms_ThenLoginIdsCompareAsSignInDoesAndDifferentKeysGiveDifferentStreams()
    {
        var pseudonyms = Pseudonyms.Ephemeral();

        Assert.Equal(pseudonyms.LoginIdStream("alice"), pseudonyms.LoginIdStream("ＡＬＩＣＥ"));
        Assert.DoesNotContain("alice", pseudonyms.LoginIdStream("alice"), StringComparison.Ordinal);
        Assert.NotEqual(pseudonyms.LoginIdStream("alice"), Pseudonyms.Ephemeral().LoginIdStream("alice"));
        Assert.Equal(pseudonyms.FundNameStream("K-Pop"), pseudonyms.FundNameStream(" k-pop "));
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
