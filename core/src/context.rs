//! The invocation context: request id, deadline, ARN, trace id and the function's configuration.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::FunctionConfig;

/// The client context an AWS mobile SDK sends with an invocation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientContext {
    /// The mobile application that invoked the function.
    #[serde(default)]
    pub client: ClientApplication,
    /// Custom values set by the application.
    #[serde(default)]
    pub custom: HashMap<String, String>,
    /// Environment values set by the mobile SDK.
    #[serde(default)]
    pub environment: HashMap<String, String>,
}

/// The mobile application of a [`ClientContext`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClientApplication {
    /// The installation id of the application.
    pub installation_id: String,
    /// The application's title.
    pub app_title: String,
    /// The application's version name.
    pub app_version_name: String,
    /// The application's version code.
    pub app_version_code: String,
    /// The application's package name.
    pub app_package_name: String,
}

/// The Amazon Cognito identity that invoked the function.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CognitoIdentity {
    /// The Cognito identity id.
    #[serde(alias = "cognitoIdentityId")]
    pub identity_id: String,
    /// The Cognito identity pool id.
    #[serde(alias = "cognitoIdentityPoolId")]
    pub identity_pool_id: String,
}

/// What Lambda tells a handler about the invocation it is running.
///
/// Take it as a handler argument of type `Context`. Locally it is filled as Lambda would fill it:
/// a fresh request id, a deadline from the configured timeout, the handler's name.
///
/// An HTTP function takes it as an extractor (`ctx: Context` in an axum handler), and tower
/// middleware reads it with `faaskit::http::RequestExt::lambda_context`. Those work in both
/// modes; reading the request's extensions for a `Context` does not, because the local server
/// builds a request's context only when one of them first asks for it.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use faaskit::Context;
///
/// let ctx = Context::builder()
///     .request_id("req-1")
///     .function_name("orders")
///     .timeout(Duration::from_secs(30))
///     .build();
/// assert_eq!(ctx.request_id(), "req-1");
/// assert_eq!(ctx.function_name(), "orders");
/// assert!(ctx.remaining_time() > Duration::from_secs(29));
/// ```
#[derive(Clone)]
pub struct Context {
    /// Shared: a clone (for an extractor, the panic report, a spawned task) is a reference count,
    /// and the futures that carry a context stay small.
    data: Arc<ContextData>,
}

/// What a [`Context`] holds; never changed once built.
struct ContextData {
    request_id: String,
    deadline_ms: u64,
    /// `None`: the function's local ARN, which it keeps.
    invoked_function_arn: Option<String>,
    xray_trace_id: Option<String>,
    client_context: Option<ClientContext>,
    identity: Option<CognitoIdentity>,
    tenant_id: Option<String>,
    function: Arc<FunctionConfig>,
}

impl fmt::Debug for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let data = &*self.data;
        f.debug_struct("Context")
            .field("request_id", &data.request_id)
            .field("deadline_ms", &data.deadline_ms)
            .field("invoked_function_arn", &self.invoked_function_arn())
            .field("xray_trace_id", &data.xray_trace_id)
            .field("client_context", &data.client_context)
            .field("identity", &data.identity)
            .field("tenant_id", &data.tenant_id)
            .field("function", &data.function)
            .finish()
    }
}

/// The client context and Cognito identity of a `lambda_runtime` context, taken out of it as
/// faaskit's types: `lambda_runtime` does not export its copies of these types, whose fields are
/// public.
pub(crate) fn take_client_parts(ctx: &mut lambda_runtime::Context) -> (Option<ClientContext>, Option<CognitoIdentity>) {
    let client_context = ctx.client_context.take().map(|context| ClientContext {
        client: ClientApplication {
            installation_id: context.client.installation_id,
            app_title: context.client.app_title,
            app_version_name: context.client.app_version_name,
            app_version_code: context.client.app_version_code,
            app_package_name: context.client.app_package_name,
        },
        custom: context.custom,
        environment: context.environment,
    });
    let identity = ctx.identity.take().map(|identity| CognitoIdentity {
        identity_id: identity.identity_id,
        identity_pool_id: identity.identity_pool_id,
    });
    (client_context, identity)
}

impl Context {
    /// A builder with local defaults: a fresh request id, a 3 s deadline, the function `function`.
    pub fn builder() -> ContextBuilder {
        ContextBuilder::new(Arc::new(FunctionConfig::new("function")))
    }

    /// The context of an invocation the Lambda Runtime API handed over.
    pub(crate) fn from_lambda(mut ctx: lambda_runtime::Context, function: Arc<FunctionConfig>) -> Self {
        let (client_context, identity) = take_client_parts(&mut ctx);
        Self::from_data(ContextData {
            request_id: ctx.request_id,
            deadline_ms: ctx.deadline,
            invoked_function_arn: Some(ctx.invoked_function_arn),
            xray_trace_id: ctx.xray_trace_id,
            client_context,
            identity,
            tenant_id: ctx.tenant_id,
            function,
        })
    }

    fn from_data(data: ContextData) -> Self {
        Self { data: Arc::new(data) }
    }

    /// Whether `self` and `other` are clones of the same context.
    pub(crate) fn same_as(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.data, &other.data)
    }

    /// The request id Lambda gave this invocation.
    pub fn request_id(&self) -> &str {
        &self.data.request_id
    }

    /// The moment the invocation times out.
    pub fn deadline(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(self.data.deadline_ms)
    }

    /// The deadline in milliseconds since the Unix epoch, as the Runtime API sends it.
    pub fn deadline_ms(&self) -> u64 {
        self.data.deadline_ms
    }

    /// The time left before the deadline (zero once it has passed).
    pub fn remaining_time(&self) -> Duration {
        self.deadline().duration_since(SystemTime::now()).unwrap_or(Duration::ZERO)
    }

    /// The ARN the function was invoked with (it carries the alias or version, if any).
    pub fn invoked_function_arn(&self) -> &str {
        match &self.data.invoked_function_arn {
            Some(arn) => arn,
            None => self.data.function.local_arn_str(),
        }
    }

    /// The AWS X-Ray trace header of this invocation, if tracing is on.
    pub fn xray_trace_id(&self) -> Option<&str> {
        self.data.xray_trace_id.as_deref()
    }

    /// The client context a mobile SDK sent, if any.
    ///
    /// On Lambda it is read by `lambda_runtime`, whose types are strict: a `client` must have all
    /// five of its fields, and `custom` and `environment` take string values only. A client
    /// context they cannot read stops `lambda_runtime` 1.5 and so the function. The local Invoke
    /// API reads it with the same types and refuses such a client context with the reason.
    pub fn client_context(&self) -> Option<&ClientContext> {
        self.data.client_context.as_ref()
    }

    /// The Cognito identity that invoked the function, if any.
    pub fn identity(&self) -> Option<&CognitoIdentity> {
        self.data.identity.as_ref()
    }

    /// The tenant id of this invocation, for functions with tenant isolation.
    pub fn tenant_id(&self) -> Option<&str> {
        self.data.tenant_id.as_deref()
    }

    /// The function's name.
    pub fn function_name(&self) -> &str {
        self.data.function.name()
    }

    /// The memory available to the function, in MB.
    pub fn memory_size_mb(&self) -> u32 {
        self.data.function.memory_size_mb()
    }

    /// The version of the function being run.
    pub fn function_version(&self) -> &str {
        self.data.function.version()
    }

    /// The function's whole configuration (log group and stream, region).
    pub fn function(&self) -> &FunctionConfig {
        &self.data.function
    }
}

/// Builds a [`Context`]; every field has a sensible default.
///
/// # Examples
///
/// ```
/// let ctx = faaskit::Context::builder().xray_trace_id("Root=1-abc").build();
/// assert_eq!(ctx.xray_trace_id(), Some("Root=1-abc"));
/// assert_eq!(ctx.request_id().len(), 36);
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct ContextBuilder {
    request_id: Option<String>,
    deadline: Option<SystemTime>,
    timeout: Duration,
    invoked_function_arn: Option<String>,
    xray_trace_id: Option<String>,
    client_context: Option<ClientContext>,
    identity: Option<CognitoIdentity>,
    tenant_id: Option<String>,
    function: Arc<FunctionConfig>,
}

/// The deadline a context gets unless told otherwise: Lambda's default timeout.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);

impl ContextBuilder {
    pub(crate) fn new(function: Arc<FunctionConfig>) -> Self {
        Self {
            request_id: None,
            deadline: None,
            timeout: DEFAULT_TIMEOUT,
            invoked_function_arn: None,
            xray_trace_id: None,
            client_context: None,
            identity: None,
            tenant_id: None,
            function,
        }
    }

    /// Sets the request id (default: a fresh UUID).
    pub fn request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// Sets the deadline to this far from when [`ContextBuilder::build`] runs (default: 3 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self.deadline = None;
        self
    }

    /// Sets the deadline to a fixed moment.
    pub fn deadline(mut self, deadline: SystemTime) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Sets the function's name (default: `function`); the log group and ARN follow it.
    pub fn function_name(mut self, name: impl Into<String>) -> Self {
        let function = FunctionConfig::new(name)
            .with_memory_size_mb(self.function.memory_size_mb())
            .with_version(self.function.version())
            .with_region(self.function.region());
        self.function = Arc::new(function);
        self
    }

    /// Sets the function's whole configuration.
    pub fn function(mut self, function: FunctionConfig) -> Self {
        self.function = Arc::new(function);
        self
    }

    /// Sets the memory size in MB (default: 128).
    pub fn memory_size_mb(mut self, memory_size_mb: u32) -> Self {
        self.function = Arc::new((*self.function).clone().with_memory_size_mb(memory_size_mb));
        self
    }

    /// Sets the function version (default: `$LATEST`).
    pub fn function_version(mut self, version: impl Into<String>) -> Self {
        self.function = Arc::new((*self.function).clone().with_version(version));
        self
    }

    /// Sets the invoked function ARN (default: the local ARN of the function).
    pub fn invoked_function_arn(mut self, arn: impl Into<String>) -> Self {
        self.invoked_function_arn = Some(arn.into());
        self
    }

    /// Sets the X-Ray trace id.
    pub fn xray_trace_id(mut self, trace_id: impl Into<String>) -> Self {
        self.xray_trace_id = Some(trace_id.into());
        self
    }

    /// Sets the mobile client context.
    pub fn client_context(mut self, client_context: ClientContext) -> Self {
        self.client_context = Some(client_context);
        self
    }

    /// Sets the Cognito identity.
    pub fn identity(mut self, identity: CognitoIdentity) -> Self {
        self.identity = Some(identity);
        self
    }

    /// Sets the tenant id.
    pub fn tenant_id(mut self, tenant_id: impl Into<String>) -> Self {
        self.tenant_id = Some(tenant_id.into());
        self
    }

    /// Builds the context.
    pub fn build(self) -> Context {
        let deadline = self.deadline.unwrap_or_else(|| crate::deadline::later_time(SystemTime::now(), self.timeout));
        let deadline_ms = deadline
            .duration_since(UNIX_EPOCH)
            .map(|since| u64::try_from(since.as_millis()).unwrap_or(u64::MAX))
            .unwrap_or(0);
        Context::from_data(ContextData {
            request_id: self.request_id.unwrap_or_else(crate::request_id::fresh),
            deadline_ms,
            invoked_function_arn: self.invoked_function_arn,
            xray_trace_id: self.xray_trace_id,
            client_context: self.client_context,
            identity: self.identity,
            tenant_id: self.tenant_id,
            function: self.function,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_context_gets_a_fresh_request_id() {
        let a = Context::builder().build();
        let b = Context::builder().build();
        assert_ne!(a.request_id(), b.request_id());
    }

    #[test]
    fn function_name_moves_the_arn() {
        let ctx = Context::builder().function_name("orders").build();
        assert_eq!(ctx.invoked_function_arn(), "arn:aws:lambda:us-east-1:000000000000:function:orders");
        assert_eq!(ctx.function().log_group_name(), "/aws/lambda/orders");
    }

    #[test]
    fn a_lambda_context_keeps_its_client_context_and_identity() {
        // As `lambda_runtime` reads them from the Runtime API's headers.
        let lambda: lambda_runtime::Context = serde_json::from_str(
            r#"{
                "request_id": "req-7", "deadline": 0, "invoked_function_arn": "arn", "xray_trace_id": null,
                "env_config": {"function_name": "orders", "memory": 128, "version": "1", "log_stream": "", "log_group": ""},
                "client_context": {
                    "client": {"installationId": "install-1", "appTitle": "Orders", "appVersionName": "1.2",
                               "appVersionCode": "12", "appPackageName": "com.example.orders"},
                    "custom": {"tier": "gold"}, "environment": {"platform": "Android"}
                },
                "identity": {"identityId": "us-east-1:abc", "identityPoolId": "us-east-1:pool"}
            }"#,
        )
        .expect("a lambda_runtime context");

        let ctx = Context::from_lambda(lambda, Arc::new(FunctionConfig::new("orders")));

        let client = ctx.client_context().expect("the client context");
        assert_eq!(client.client.installation_id, "install-1");
        assert_eq!(client.client.app_title, "Orders");
        assert_eq!(client.client.app_version_name, "1.2");
        assert_eq!(client.client.app_version_code, "12");
        assert_eq!(client.client.app_package_name, "com.example.orders");
        assert_eq!(client.custom["tier"], "gold");
        assert_eq!(client.environment["platform"], "Android");
        let identity = ctx.identity().expect("the identity");
        assert_eq!(
            (identity.identity_id.as_str(), identity.identity_pool_id.as_str()),
            ("us-east-1:abc", "us-east-1:pool")
        );
        assert_eq!(ctx.request_id(), "req-7");
    }

    #[test]
    fn a_passed_deadline_leaves_no_time() {
        let ctx = Context::builder().deadline(UNIX_EPOCH).build();
        assert_eq!(ctx.remaining_time(), Duration::ZERO);
    }
}
