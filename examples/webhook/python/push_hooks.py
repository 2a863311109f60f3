# The seed's push notification example on Chat Hooks: the same steps, but it prints the notification it would send
# (one JSON line) instead of calling Skygear's push_users. Participants must be records (hook.<name>.participants
# left at records).
#   PORT=8000 WEBHOOK_SECRET=whsec_... python3 push_hooks.py
import json

from chat_hooks import *


def push_users(user_ids, notification):
    """Prints what Skygear's push_users(container, user_ids, notification) would have sent."""
    print(json.dumps({'user_ids': user_ids, 'notification': notification}, sort_keys=True))


@after_message_sent
def after_message_sent_hook(message, conversation, participants):
    message = deserialize_record(message)
    conversation = deserialize_record(conversation)
    other_user_ids = []
    current_user = None
    for record in participants:
        participant = deserialize_record(record)
        if participant.id.key == current_user_id():
            current_user = participant
        else:
            other_user_ids.append(participant.id.key)
    if current_user is None:  # the sender left before the message was handled: name them by id
        current_user = {'username': current_user_id()}
    content = ''
    if 'body' in message:
        content = current_user['username'] + ": " + message['body']
    else:
        content = current_user['username'] + " sent you a file."
    notification = {'fcm': {
                       'notification': {
                           'title': conversation['title'],
                           'body': content
                       }
                    },
                    'apns': {
                        'aps': {
                            'alert': {
                                'title': conversation['title'],
                                'body': content
                            },
                            'from': 'skygear',
                            'operation': 'notification'
                        }
                    }
                   }
    push_users(other_user_ids, notification)


if __name__ == '__main__':
    serve()
