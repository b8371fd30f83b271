namespace Portal.TrafficGen.Simulation;

/// <summary>Error rates and realistic failures of each service of the bank.</summary>
public static class ServiceProfiles
{
    private static readonly Dictionary<string, ServiceProfile> Profiles = new ServiceProfile[]
    {
        new("mobile-app", "Bank.Channels.Mobile", 0.001, 0.35,
        [
            new("APP-5000", "Unhandled error rendering the response", "System.InvalidOperationException", "ResponseWriter.WriteAsync", IsSystem: true),
        ]),
        new("counter", "Bank.Channels.Counter", 0.001, 0.35,
        [
            new("CTR-4010", "Teller session expired, please sign in again", "Bank.Security.SessionExpiredException", "TellerSession.Validate", 3),
            new("CTR-5000", "Counter terminal service error", "System.InvalidOperationException", "TerminalHost.Dispatch", IsSystem: true),
        ]),
        new("gateway", "Bank.Gateway", 0.002, 0.3,
        [
            new("GW-4290", "Rate limit exceeded for client app-mobile (200 req/s)", "Bank.Gateway.RateLimitRejectedException", "RateLimiter.Acquire", 3),
            new("GW-5030", "Upstream unavailable: circuit breaker open", "Bank.Gateway.BrokenCircuitException", "CircuitBreaker.Execute", IsSystem: true),
        ]),
        new("accounts", "Bank.Accounts", 0.01, 0.45,
        [
            new("ACC-4001", "Insufficient balance: available 1,204.50 CNY, requested amount exceeds it", "Bank.Accounts.InsufficientFundsException", "Ledger.Debit", 5),
            new("ACC-4003", "Account is frozen by judicial order", "Bank.Accounts.AccountFrozenException", "AccountGuard.EnsureActive", 1),
            new("ACC-5003", "Ledger row lock wait timeout exceeded", "Npgsql.PostgresException", "LedgerRepository.LockForUpdateAsync", 1, IsSystem: true),
        ]),
        new("payments", "Bank.Payments", 0.006, 0.45,
        [
            new("PAY-4009", "Duplicate payment request: idempotency key already used", "Bank.Payments.DuplicatePaymentException", "IdempotencyStore.Reserve", 2),
            new("PAY-4022", "Daily transfer limit exceeded for customer tier", "Bank.Payments.LimitExceededException", "LimitPolicy.Check", 2),
            new("PAY-5002", "Clearing channel unavailable, payment not submitted", "Bank.Payments.ClearingUnavailableException", "ClearingRouter.Route", 1, IsSystem: true),
        ]),
        new("risk", "Bank.Risk", 0.008, 0.5,
        [
            new("RSK-4031", "Rejected by anti-fraud rule R-17: unusual device and amount", "Bank.Risk.FraudSuspectedException", "RuleEngine.Evaluate", 4),
            new("RSK-5040", "Risk model scoring timed out after 800 ms", "System.TimeoutException", "ModelClient.ScoreAsync", 1, TimeoutMs: 800, IsSystem: true),
        ]),
        new("customer", "Bank.Customer", 0.004, 0.4,
        [
            new("CUS-4040", "Customer profile not found", "Bank.Customer.CustomerNotFoundException", "ProfileRepository.GetAsync", 2),
            new("CUS-4221", "KYC verification failed: ID document expired", "Bank.Customer.KycRejectedException", "KycService.Verify", 2),
            new("CUS-5001", "Customer master data service error", "Npgsql.NpgsqlException", "ProfileRepository.GetAsync", 1, IsSystem: true),
        ]),
        new("notification", "Bank.Notification", 0.02, 0.6,
        [
            new("NTF-4290", "SMS gateway throttled the request", "Bank.Notification.ThrottledException", "SmsGatewayClient.SendAsync", 3),
            new("NTF-5031", "Push provider unavailable", "System.Net.Http.HttpRequestException", "PushClient.SendAsync", 1, IsSystem: true),
        ]),
        new("core-banking", "Bank.CoreBanking", 0.004, 0.4,
        [
            new("CBS-5001", "Posting failed: deadlock detected on GL account", "Bank.CoreBanking.PostingException", "PostingEngine.Post", 2, IsSystem: true),
            new("CBS-5040", "Core banking did not answer within 3000 ms", "System.TimeoutException", "CbsConnector.CallAsync", 1, TimeoutMs: 3000),
        ]),
        new("unionpay", "Bank.External.UnionPay", 0.012, 0.7,
        [
            new("UP-51", "Issuer declined: insufficient funds at the receiving bank", "Bank.External.UnionPay.DeclinedException", "UnionPayClient.SubmitAsync", 2),
            new("UP-91", "Issuer or switch inoperative", "Bank.External.UnionPay.SwitchException", "UnionPayClient.SubmitAsync", 1, IsSystem: true),
            new("UP-TIMEOUT", "No answer from UnionPay within 5000 ms", "System.TimeoutException", "UnionPayClient.SubmitAsync", 1, TimeoutMs: 5000),
        ]),
        new("credit-bureau", "Bank.External.CreditBureau", 0.015, 0.7,
        [
            new("CRB-404", "No credit file for this identity number", "Bank.External.CreditBureau.NoFileException", "BureauClient.QueryAsync", 2),
            new("CRB-503", "Credit bureau service unavailable", "System.Net.Http.HttpRequestException", "BureauClient.QueryAsync", 1, IsSystem: true),
            new("CRB-TIMEOUT", "No answer from the credit bureau within 4000 ms", "System.TimeoutException", "BureauClient.QueryAsync", 1, TimeoutMs: 4000),
        ]),
    }.ToDictionary(p => p.Service);

    public static ServiceProfile Of(string service) => Profiles[service];
}
