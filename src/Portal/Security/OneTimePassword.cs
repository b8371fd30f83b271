using System.Security.Cryptography;

namespace Portal.Security;

/// <summary>Random passwords handed to a person once (first admin, new user, reset), to be changed at the first sign-in.</summary>
public static class OneTimePassword
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y');
}
