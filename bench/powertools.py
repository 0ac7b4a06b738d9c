#!/usr/bin/env python3
"""Powertools for AWS Lambda (Python) event source data classes on the same payloads as the
criterion decode benchmarks: json.loads, then the fields a handler reads, per record.

    pip install aws-lambda-powertools
    python3 bench/powertools.py            # MB/s for S3, SQS (JSON bodies), DynamoDB, Kinesis, SNS

Payloads: bench/payloads/*-10.json, plus 1 and 100 records built by repeating their records.
"""
import json
import pathlib
import sys
import time

try:
    from aws_lambda_powertools.utilities.data_classes import (
        DynamoDBStreamEvent,
        KinesisStreamEvent,
        S3Event,
        SNSEvent,
        SQSEvent,
    )
except ImportError:
    sys.exit("pip install aws-lambda-powertools")

HERE = pathlib.Path(__file__).parent


def s3(raw):
    return sum(len(r.s3.get_object.key) + r.s3.get_object.size for r in S3Event(json.loads(raw)).records)


def sqs(raw):
    return sum(len(r.json_body["order_id"]) for r in SQSEvent(json.loads(raw)).records)


def dynamodb(raw):
    total = 0
    for r in DynamoDBStreamEvent(json.loads(raw)).records:
        total += len(r.dynamodb.new_image or {}) + len(r.dynamodb.old_image or {})
    return total


def kinesis(raw):
    return sum(len(r.kinesis.data_as_json()) for r in KinesisStreamEvent(json.loads(raw)).records)


def sns(raw):
    return sum(len(r.sns.message) for r in SNSEvent(json.loads(raw)).records)


def kinesis_payload(records):
    import base64

    data = lambda i: base64.b64encode(json.dumps({"sensor": f"s{i}", "celsius": 21.5}).encode()).decode()
    return {"Records": [{
        "kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": f"s{i}", "sequenceNumber": str(49590338271490256608559692538361571095921575989136588898 + i),
                    "data": data(i), "approximateArrivalTimestamp": 1545084650.987},
        "eventSource": "aws:kinesis", "eventVersion": "1.0", "eventID": f"shardId-000000000006:{i}", "eventName": "aws:kinesis:record",
        "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role", "awsRegion": "us-east-1",
        "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/sensors"} for i in range(records)]}


def sns_payload(records):
    return {"Records": [{"EventVersion": "1.0", "EventSubscriptionArn": "arn:aws:sns:us-east-1:123456789012:alerts:x", "EventSource": "aws:sns",
        "Sns": {"Type": "Notification", "MessageId": f"m-{i}", "TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts", "Subject": "disk",
                "Message": json.dumps({"level": "high", "text": f"disk {i} full"}), "Timestamp": "2024-05-01T12:00:00.000Z",
                "SignatureVersion": "1", "Signature": "EXAMPLE", "SigningCertUrl": "https://example.com/c.pem",
                "UnsubscribeUrl": "https://example.com/u", "MessageAttributes": {}}} for i in range(records)]}


def resize(payload, records):
    base = payload["Records"]
    return {"Records": [base[i % len(base)] for i in range(records)]}


def measure(name, decode, payload):
    raw = json.dumps(payload)
    decode(raw)
    runs, started = 0, time.perf_counter()
    while time.perf_counter() - started < 1.0:
        decode(raw)
        runs += 1
    elapsed = (time.perf_counter() - started) / runs
    print(f"powertools {name:<9} {len(payload['Records']):>4} records {len(raw):>8} B  {len(raw) / elapsed / 1e6:8.1f} MB/s")


def main():
    sources = {
        "s3": (s3, json.loads((HERE / "payloads/s3-10.json").read_text())),
        "sqs": (sqs, json.loads((HERE / "payloads/sqs-10.json").read_text())),
        "dynamodb": (dynamodb, json.loads((HERE / "payloads/dynamodb-10.json").read_text())),
        "kinesis": (kinesis, kinesis_payload(10)),
        "sns": (sns, sns_payload(10)),
    }
    for name, (decode, payload) in sources.items():
        for records in (1, 10, 100):
            measure(name, decode, resize(payload, records))


if __name__ == "__main__":
    main()
