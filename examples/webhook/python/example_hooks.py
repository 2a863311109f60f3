# The seed's first snippet on Chat Hooks, with one change: a message with only an attachment has no body, on which
# the seed's message['body'] fails (seed/after_message_sent.py keeps the snippet verbatim but for its imports).
#   PORT=8000 WEBHOOK_SECRET=whsec_... python3 example_hooks.py     (or: python3 -m chat_hooks example_hooks.py)
from chat_hooks import *


@after_message_sent
def after_message_sent_hook(message, conversation, participants):
    message = deserialize_record(message)
    conversation = deserialize_record(conversation)
    body = message.get('body', '(an attachment)')
    print('Message [%s] is sent to conversation [%s].' % (body, conversation['title']))


if __name__ == '__main__':
    serve()   # PORT and WEBHOOK_SECRET from the environment
