//! What a function knows about itself: name, memory, version and log names.

use std::env;

/// The configuration of the running function, as Lambda publishes it in the environment.
///
/// On Lambda the values come from `AWS_LAMBDA_FUNCTION_NAME`, `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`,
/// `AWS_LAMBDA_FUNCTION_VERSION`, `AWS_LAMBDA_LOG_GROUP_NAME`, `AWS_LAMBDA_LOG_STREAM_NAME` and
/// `AWS_REGION`. Locally, whatever is unset takes Lambda's defaults, and the function name is the
/// handler's name.
///
/// # Examples
///
/// ```
/// use faaskit::FunctionConfig;
///
/// let config = FunctionConfig::new("orders").with_memory_size_mb(512);
/// assert_eq!(config.name(), "orders");
/// assert_eq!(config.memory_size_mb(), 512);
/// assert_eq!(config.version(), "$LATEST");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionConfig {
    name: String,
    memory_size_mb: u32,
    version: String,
    log_group_name: String,
    log_stream_name: String,
    region: String,
    /// [`FunctionConfig::local_arn`], made when the name or region is set: the local server
    /// hands it to every invocation's context.
    local_arn: String,
}

/// The memory size Lambda gives a function unless told otherwise.
const DEFAULT_MEMORY_MB: u32 = 128;
/// The region used when `AWS_REGION` is unset.
const DEFAULT_REGION: &str = "us-east-1";
/// The account id of local ARNs, the one the AWS Runtime Interface Emulator uses.
const LOCAL_ACCOUNT: &str = "000000000000";

impl FunctionConfig {
    /// A configuration with Lambda's defaults for a function of this name.
    pub fn new(name: impl Into<String>) -> Self {
        let name = name.into();
        Self {
            log_group_name: format!("/aws/lambda/{name}"),
            log_stream_name: "$LATEST".to_owned(),
            name,
            memory_size_mb: DEFAULT_MEMORY_MB,
            version: "$LATEST".to_owned(),
            region: DEFAULT_REGION.to_owned(),
            local_arn: String::new(),
        }
        .with_local_arn()
    }

    /// Reads the environment, with `default_name` as the name when `AWS_LAMBDA_FUNCTION_NAME` is unset.
    ///
    /// Unset or unreadable values keep Lambda's defaults; [`crate::App`] checks the variables
    /// Lambda must set before it runs on Lambda.
    pub fn from_env(default_name: &str) -> Self {
        let name = non_empty_var("AWS_LAMBDA_FUNCTION_NAME").unwrap_or_else(|| default_name.to_owned());
        let mut config = Self::new(name);
        if let Some(memory) = non_empty_var("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").and_then(|v| v.parse().ok()) {
            config.memory_size_mb = memory;
        }
        if let Some(version) = non_empty_var("AWS_LAMBDA_FUNCTION_VERSION") {
            config.version = version;
        }
        if let Some(group) = non_empty_var("AWS_LAMBDA_LOG_GROUP_NAME") {
            config.log_group_name = group;
        }
        if let Some(stream) = non_empty_var("AWS_LAMBDA_LOG_STREAM_NAME") {
            config.log_stream_name = stream;
        }
        match non_empty_var("AWS_REGION").or_else(|| non_empty_var("AWS_DEFAULT_REGION")) {
            Some(region) => config.with_region(region),
            None => config,
        }
    }

    /// Sets the memory size in MB.
    #[must_use]
    pub fn with_memory_size_mb(mut self, memory_size_mb: u32) -> Self {
        self.memory_size_mb = memory_size_mb;
        self
    }

    /// Sets the version (`$LATEST`, or a published version number).
    #[must_use]
    pub fn with_version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    /// Sets the region.
    #[must_use]
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = region.into();
        self.with_local_arn()
    }

    fn with_local_arn(mut self) -> Self {
        let parts = ["arn:aws:lambda:", &self.region, ":", LOCAL_ACCOUNT, ":function:", &self.name];
        self.local_arn = parts.concat();
        self
    }

    /// The function's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The memory available to the function, in MB.
    pub fn memory_size_mb(&self) -> u32 {
        self.memory_size_mb
    }

    /// The version of the function being run.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The CloudWatch Logs group of the function.
    pub fn log_group_name(&self) -> &str {
        &self.log_group_name
    }

    /// The CloudWatch Logs stream of this execution environment.
    pub fn log_stream_name(&self) -> &str {
        &self.log_stream_name
    }

    /// The AWS region the function runs in.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The ARN a local invocation reports: Lambda's shape with the emulator's account id.
    pub fn local_arn(&self) -> String {
        self.local_arn.clone()
    }

    /// [`FunctionConfig::local_arn`], borrowed.
    pub(crate) fn local_arn_str(&self) -> &str {
        &self.local_arn
    }
}

/// The value of an environment variable, unless it is unset, empty or not UTF-8.
pub(crate) fn non_empty_var(name: &str) -> Option<String> {
    env::var(name).ok().filter(|value| !value.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_lambda() {
        let config = FunctionConfig::new("hello");
        assert_eq!(config.memory_size_mb(), 128);
        assert_eq!(config.version(), "$LATEST");
        assert_eq!(config.log_group_name(), "/aws/lambda/hello");
        assert_eq!(config.local_arn(), "arn:aws:lambda:us-east-1:000000000000:function:hello");
    }

    #[test]
    fn the_local_arn_follows_the_region() {
        let config = FunctionConfig::new("hello").with_region("eu-west-1").with_memory_size_mb(256);
        assert_eq!(config.local_arn(), "arn:aws:lambda:eu-west-1:000000000000:function:hello");
        let ctx = crate::Context::builder().function(config).build();
        assert_eq!(ctx.invoked_function_arn(), "arn:aws:lambda:eu-west-1:000000000000:function:hello");
    }
}
