"""Unit tests of chat_hooks: python3 -m unittest test_chat_hooks (from this folder)."""

import base64
import hashlib
import hmac
import http.client
import json
import threading
import time
import unittest

import chat_hooks

SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
SPEC_HEADERS = {
    'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    'webhook-timestamp': '1614265330',
    'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
}
SPEC_BODY = b'{"test": 2432232314}'
OTHER_SECRET = 'whsec_' + base64.b64encode(b'another secret of 32 bytes......').decode()


def sign(secret, webhook_id, timestamp, body):
    key = base64.b64decode(secret[len('whsec_'):])
    digest = hmac.new(key, ('%s.%d.' % (webhook_id, timestamp)).encode() + body, hashlib.sha256).digest()
    return 'v1,' + base64.b64encode(digest).decode()


class VerifyTest(unittest.TestCase):
    def test_the_specifications_example_verifies(self):
        chat_hooks.verify(SPEC_SECRET, SPEC_HEADERS, SPEC_BODY, now=1614265330)

    def test_any_configured_secret_verifies(self):
        chat_hooks.verify(OTHER_SECRET + ',' + SPEC_SECRET, SPEC_HEADERS, SPEC_BODY, now=1614265330)
        chat_hooks.verify([OTHER_SECRET, SPEC_SECRET], SPEC_HEADERS, SPEC_BODY, now=1614265330)

    def test_one_matching_signature_among_several_verifies(self):
        headers = dict(SPEC_HEADERS)
        headers['webhook-signature'] = 'v1,bm9wZQ== ' + SPEC_HEADERS['webhook-signature']
        chat_hooks.verify(SPEC_SECRET, headers, SPEC_BODY, now=1614265330)

    def test_header_names_are_case_insensitive(self):
        headers = {name.title(): value for name, value in SPEC_HEADERS.items()}
        chat_hooks.verify(SPEC_SECRET, headers, SPEC_BODY, now=1614265330)

    def test_a_changed_body_is_rejected(self):
        with self.assertRaises(chat_hooks.WebhookVerificationError):
            chat_hooks.verify(SPEC_SECRET, SPEC_HEADERS, b'{"test": 2432232315}', now=1614265330)

    def test_another_secret_is_rejected(self):
        with self.assertRaises(chat_hooks.WebhookVerificationError):
            chat_hooks.verify(OTHER_SECRET, SPEC_HEADERS, SPEC_BODY, now=1614265330)

    def test_a_timestamp_more_than_five_minutes_off_is_rejected(self):
        for now in (1614265330 + 301, 1614265330 - 301):
            with self.assertRaises(chat_hooks.WebhookVerificationError):
                chat_hooks.verify(SPEC_SECRET, SPEC_HEADERS, SPEC_BODY, now=now)
        chat_hooks.verify(SPEC_SECRET, SPEC_HEADERS, SPEC_BODY, now=1614265330 + 300)

    def test_missing_headers_are_rejected(self):
        for name in SPEC_HEADERS:
            headers = {k: v for k, v in SPEC_HEADERS.items() if k != name}
            with self.assertRaises(chat_hooks.WebhookVerificationError):
                chat_hooks.verify(SPEC_SECRET, headers, SPEC_BODY, now=1614265330)

    def test_a_malformed_secret_is_a_value_error_that_does_not_quote_it(self):
        for secret in ('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_not*base64!', ''):
            with self.assertRaises(ValueError) as raised:
                chat_hooks.verify(secret, SPEC_HEADERS, SPEC_BODY, now=1614265330)
            if secret:
                self.assertNotIn(secret, str(raised.exception))


class DecoratorTest(unittest.TestCase):
    def tearDown(self):
        for functions in chat_hooks._functions.values():
            functions.clear()

    def test_the_nine_decorators_have_the_seeds_names(self):
        self.assertEqual(sorted(chat_hooks.PARAMETERS), sorted([
            'after_message_sent', 'after_message_updated', 'after_message_deleted', 'typing_started',
            'after_conversation_created', 'after_conversation_updated', 'after_conversation_deleted',
            'after_users_added_to_conversation', 'after_users_removed_from_conversation']))
        for kind in chat_hooks.PARAMETERS:
            self.assertEqual(getattr(chat_hooks, kind).__name__, kind)

    def test_a_decorator_returns_the_function_unchanged(self):
        def hook(message, conversation, participants):
            return 42
        self.assertIs(chat_hooks.after_message_sent(hook), hook)

    def test_records_deserialize_to_dicts_with_skygears_id_key(self):
        record = chat_hooks.deserialize_record({'id': 'u-1', 'username': 'alice'})
        self.assertEqual(record, {'id': 'u-1', 'username': 'alice'})
        self.assertEqual(record.id.key, 'u-1')
        self.assertEqual(chat_hooks.deserialize_record('u-2'), 'u-2')


class ServerTest(unittest.TestCase):
    def setUp(self):
        self.calls = []
        self.server = chat_hooks.make_server(0, SPEC_SECRET + ',' + OTHER_SECRET, '127.0.0.1')
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()
        for functions in chat_hooks._functions.values():
            functions.clear()

    def post(self, event, secret=SPEC_SECRET, timestamp=None,
             content_type='application/cloudevents+json; charset=utf-8'):
        body = json.dumps(event).encode()
        timestamp = int(time.time()) if timestamp is None else timestamp
        connection = http.client.HTTPConnection('127.0.0.1', self.server.server_address[1], timeout=10)
        try:
            connection.request('POST', '/', body, {
                'Content-Type': content_type, 'webhook-id': 'msg_1', 'webhook-timestamp': str(timestamp),
                'webhook-signature': sign(secret, 'msg_1', timestamp, body)})
            response = connection.getresponse()
            return response.status, response.read().decode()
        finally:
            connection.close()

    @staticmethod
    def message_sent(body='hi'):
        return {'specversion': '1.0', 'id': 'e-1', 'source': '/chat-hooks', 'type': 'after_message_sent',
                'subject': 'c-1', 'actor': 'u-alice', 'time': '2026-11-24T10:00:00Z',
                'datacontenttype': 'application/json',
                'data': {'message': {'id': 'm-1', 'body': body}, 'conversation': {'id': 'c-1', 'title': 'Team'},
                         'participants': [{'id': 'u-alice'}, {'id': 'u-bob'}]}}

    def test_plain_json_is_accepted_as_well_as_the_cloudevents_content_type(self):
        calls = []

        @chat_hooks.after_message_sent
        def record(message, conversation, participants):
            calls.append(message['body'])

        self.assertEqual(self.post(self.message_sent('one'))[0], 204)
        self.assertEqual(self.post(self.message_sent('two'), content_type='application/json')[0], 204)
        self.assertEqual(calls, ['one', 'two'])

    def test_every_function_of_the_kind_is_called_with_the_seeds_arguments_in_order(self):
        @chat_hooks.after_message_sent
        def first(message, conversation, participants):
            self.calls.append(('first', message['body'], conversation['title'], [p['id'] for p in participants],
                               chat_hooks.current_user_id(), chat_hooks.current_event_id()))

        @chat_hooks.after_message_sent
        def second(message, conversation, participants):
            self.calls.append(('second', message['id']))

        @chat_hooks.after_message_deleted
        def not_this_one(message, conversation, participants):
            self.calls.append(('deleted',))

        status, _ = self.post(self.message_sent())

        self.assertEqual(status, 204)
        self.assertEqual(self.calls, [('first', 'hi', 'Team', ['u-alice', 'u-bob'], 'u-alice', 'e-1'),
                                      ('second', 'm-1')])

    def test_each_kind_gets_its_own_parameters(self):
        @chat_hooks.typing_started
        def typing(conversation, participants, events):
            self.calls.append(('typing', conversation['id'], events))

        @chat_hooks.after_users_added_to_conversation
        def added(conversation, participants, new_users):
            self.calls.append(('added', [u['id'] for u in new_users]))

        @chat_hooks.after_users_removed_from_conversation
        def removed(conversation, participants, old_users):
            self.calls.append(('removed', [u['id'] for u in old_users]))

        base = {'specversion': '1.0', 'id': 'e-2', 'source': '/chat-hooks', 'subject': 'c-1'}
        conversation = {'id': 'c-1'}
        events = [{'user_id': 'u-bob', 'event': 'begin'}]
        self.assertEqual(self.post(dict(base, type='typing_started', data={
            'conversation': conversation, 'participants': [], 'events': events}))[0], 204)
        self.assertEqual(self.post(dict(base, type='after_users_added_to_conversation', data={
            'conversation': conversation, 'participants': [], 'new_users': [{'id': 'u-c'}]}))[0], 204)
        self.assertEqual(self.post(dict(base, type='after_users_removed_from_conversation', data={
            'conversation': conversation, 'participants': [], 'old_users': [{'id': 'u-d'}]}))[0], 204)

        self.assertEqual(self.calls, [('typing', 'c-1', events), ('added', ['u-c']), ('removed', ['u-d'])])

    def test_a_function_that_raises_gives_a_server_error_so_the_call_is_retried(self):
        @chat_hooks.after_message_sent
        def failing(message, conversation, participants):
            raise RuntimeError('database is down')

        status, reason = self.post(self.message_sent())

        self.assertEqual(status, 500)
        self.assertIn('RuntimeError', reason)

    def test_a_kind_without_functions_succeeds(self):
        self.assertEqual(self.post(self.message_sent())[0], 204)

    def test_the_second_secret_of_a_rotation_verifies(self):
        self.assertEqual(self.post(self.message_sent(), secret=OTHER_SECRET)[0], 204)

    def test_a_request_signed_with_another_secret_is_refused_without_calling(self):
        @chat_hooks.after_message_sent
        def hook(message, conversation, participants):
            self.calls.append('called')

        other = 'whsec_' + base64.b64encode(b'x' * 32).decode()
        status, _ = self.post(self.message_sent(), secret=other)

        self.assertEqual(status, 401)
        self.assertEqual(self.calls, [])

    def test_an_old_request_is_refused(self):
        status, reason = self.post(self.message_sent(), timestamp=int(time.time()) - 600)

        self.assertEqual(status, 401)
        self.assertIn('five minutes', reason)

    def test_an_unknown_type_is_a_client_error(self):
        event = self.message_sent()
        event['type'] = 'chat.message.sent'

        self.assertEqual(self.post(event)[0], 400)


if __name__ == '__main__':
    unittest.main()
