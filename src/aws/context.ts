// Placeholder: the AWS context is being built (see issue 2). Its public shape:
//   new AwsContext(config?: AwsConfig)
//   ctx.client(SageMakerClient)      -> the one shared, lazily created client of that class
//   ctx.region(): Promise<string>    -> resolved exactly as the AWS SDK resolves it
//   ctx.accountId(): Promise<string> -> STS GetCallerIdentity, cached
export class AwsContext {}
